// Q1: principles endorsed by an actor, by name.
MATCH (a {name: $Q1_actor})-[:ENDORSES]->(p)
RETURN p.name AS name ORDER BY name
