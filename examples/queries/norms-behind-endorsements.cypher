// For each principle an actor endorses in its statements, the norms (document and provision
// label) that instantiate it. Run with --param actor=China after ingesting a statement, the
// norm texts and the curated norm sets.
MATCH (c:Actor {name: $actor})-[e:ENDORSES]->(p:Principle)
OPTIONAL MATCH (d:Document)-[:CONTAINS]->(n:Norm)-[:INSTANTIATES]->(p)
WITH p, d, n ORDER BY d.name, n.label
RETURN p.name AS principle, collect(d.name + ' ' + n.label) AS norms
ORDER BY principle
