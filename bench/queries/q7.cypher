// Q7: principles both actors endorse.
MATCH (a {name: $Q7_a})-[:ENDORSES]->(p)<-[:ENDORSES]-(b {name: $Q7_b})
RETURN p.name AS name ORDER BY name
