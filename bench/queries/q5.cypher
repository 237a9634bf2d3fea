// Q5: supports(A, P) :- ENDORSES(A, Q), SPECIALIZES*(Q, P). The number of pairs.
MATCH (a)-[:ENDORSES]->()-[:SPECIALIZES*0..30]->(p)
WITH DISTINCT a, p
RETURN count(*) AS pairs
