// Q6: actors that support a principle and oppose it or a principle under it.
MATCH (a)-[:ENDORSES]->()-[:SPECIALIZES*0..30]->(p)
WITH DISTINCT a, p
MATCH (a)-[:OPPOSES]->()-[:SPECIALIZES*0..30]->(p)
RETURN DISTINCT a.name + '|' + p.name AS pair ORDER BY pair
