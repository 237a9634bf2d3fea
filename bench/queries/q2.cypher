// Q2: how many actors delivered a statement with a commitment invoking the principle.
MATCH (a)-[:DELIVERED]->(:Statement)-[:CONTAINS]->(:Commitment)-[:INVOKES]->(p {name: $Q2_principle})
RETURN count(DISTINCT a) AS actors
