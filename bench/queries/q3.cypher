// Q3: nodes within three steps of the actor, in any direction, the actor excluded.
MATCH (a {name: $Q3_actor})-[*1..3]-(b)
WHERE b <> a
RETURN count(DISTINCT b) AS reachable
