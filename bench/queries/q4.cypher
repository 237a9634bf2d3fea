// Q4: the length of a shortest path between two actors, in any direction.
MATCH p = shortestPath((a {name: $Q4_from})-[*..30]-(b {name: $Q4_to}))
RETURN length(p) AS hops
