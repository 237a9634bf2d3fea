// Loads `normgraph export --format kuzu` into Kùzu (npm `kuzu`, installed into the benchmark
// cache as ../shared/bench/common.mjs does) and checks that Kùzu's answers equal what the same
// graph says in normgraph's own graph JSON export: counts per kind and per edge type, every node's
// name (hostile ones included, so CSV quoting is tested), one lookup, sentence counts.
//   node kuzu_export_test.mjs NORMGRAPH_CLI SHARED_DIR SOURCE_DIR
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [cli, shared, source] = process.argv.slice(2);
const { need } = await import(path.join(shared, 'bench', 'common.mjs'));
const kuzu = need('kuzu', 'kuzu@0.11.3');

let passed = 0, failed = 0;
function check(name, actual, expected) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a === e) { passed++; return; }
  failed++;
  console.log(`FAILED ${name}\n  kuzu:      ${a.slice(0, 400)}\n  normgraph: ${e.slice(0, 400)}`);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'normgraph-kuzu-'));
try {
  // A graph JSON of hostile names, next to the reference statement and the examples.
  const hostile = ['say "hi"', 'back\\slash\\', 'two\nlines', 'comma, here', 'emoji 😀', '<&>'];
  writeFileSync(path.join(tmp, 'hostile.json'), JSON.stringify({
    format: 'normgraph-graph', version: 1,
    nodes: hostile.map((name, i) => ({ id: `hostile:${i}`, kind: 'Actor', name, props: { type: 'state', rank: i } })),
    edges: hostile.slice(1).map((_, i) => ({ source: `hostile:${i}`, target: `hostile:${i + 1}`, type: 'MEMBER_OF' })),
  }));
  const data = path.join(tmp, 'data');
  const ng = (...args) => execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  ng('ingest', '--data', data, path.join(shared, 'corpus/statements/000_f7b3e24bbd779271.txt'),
    path.join(source, 'examples/graphs'), path.join(tmp, 'hostile.json'));
  ng('export', '--data', data, '--format', 'kuzu', '-o', path.join(tmp, 'kuzu'));
  ng('export', '--data', data, '--format', 'json', '-o', path.join(tmp, 'graph.json'));
  const graph = JSON.parse(readFileSync(path.join(tmp, 'graph.json'), 'utf8'));

  const db = new kuzu.Database(path.join(tmp, 'db'));
  const conn = new kuzu.Connection(db);
  const q = async (cypher) => { const r = await conn.query(cypher); return (Array.isArray(r) ? r.at(-1) : r).getAll(); };
  // load.cypher's paths are relative to its folder.
  process.chdir(path.join(tmp, 'kuzu'));
  const script = readFileSync('load.cypher', 'utf8').split('\n').filter((l) => !l.startsWith('//')).join('\n');
  for (const statement of script.split(';\n').map((s) => s.trim()).filter(Boolean)) await q(statement);

  const tally = (items, key) => { const m = {}; for (const x of items) m[key(x)] = (m[key(x)] || 0) + 1; return m; };
  const sorted = (m) => Object.fromEntries(Object.entries(m).sort());

  const kinds = await q('MATCH (n:Node) RETURN n.kind AS k, count(*) AS c');
  check('nodes per kind', sorted(Object.fromEntries(kinds.map((r) => [r.k, Number(r.c)]))),
    sorted(tally(graph.nodes, (n) => n.kind)));

  const expectedTypes = tally(graph.edges, (e) => e.type);
  const types = {};
  for (const type of Object.keys(expectedTypes))
    types[type] = Number((await q(`MATCH ()-[r:${type}]->() RETURN count(r) AS c`))[0].c);
  check('edges per type', sorted(types), sorted(expectedTypes));

  const names = await q('MATCH (n:Node) RETURN n.id AS id, n.name AS name ORDER BY id');
  check('every node name', names.map((r) => [r.id, r.name]),
    graph.nodes.map((n) => [n.id, n.name || '']).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));

  const endorsed = await q("MATCH (:Node {id: 'state:CHN'})-[:ENDORSES]->(p:Node) RETURN p.id AS id ORDER BY id");
  check('what China endorses', endorsed.map((r) => r.id),
    graph.edges.filter((e) => e.source === 'state:CHN' && e.type === 'ENDORSES').map((e) => e.target).sort());

  const sentences = await q('MATCH ()-[r:OPPOSES]->() RETURN sum(r.sentences) AS s');
  check('sentences behind OPPOSES', Number(sentences[0].s),
    graph.edges.filter((e) => e.type === 'OPPOSES').reduce((s, e) => s + e.evidence.length, 0));

  const ranks = await q("MATCH (n:Node) WHERE n.id STARTS WITH 'hostile:' RETURN sum(n.rank) AS s");
  check('typed INT64 property', Number(ranks[0].s), hostile.reduce((s, _, i) => s + i, 0));

  // The benchmark generator's graph (the CSV layout of ../shared/bench): Q1 and Q2 of
  // ../shared/bench/queries.md, asked of Kùzu, against the same answers computed from the CSV.
  const gen = path.join(tmp, 'gen');
  execFileSync('python3', [path.join(shared, 'bench/gen_graph.py'), '--statements', '200',
    '--seed', '42', '--out', gen], { stdio: 'ignore' });
  const genData = path.join(tmp, 'gen-data');
  ng('ingest', '--data', genData, gen);
  ng('export', '--data', genData, '--format', 'kuzu', '-o', path.join(tmp, 'gen-kuzu'));
  const rows = (file) => readFileSync(path.join(gen, file), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const nodes = new Map(rows('nodes.csv').map(([id, kind, name]) => [id, { kind, name }]));
  const edges = rows('edges.csv');
  const genDb = new kuzu.Database(path.join(tmp, 'gen-db'));
  const genConn = new kuzu.Connection(genDb);
  const gq = async (cypher) => { const r = await genConn.query(cypher); return (Array.isArray(r) ? r.at(-1) : r).getAll(); };
  process.chdir(path.join(tmp, 'gen-kuzu'));
  const genScript = readFileSync('load.cypher', 'utf8').split('\n').filter((l) => !l.startsWith('//')).join('\n');
  for (const statement of genScript.split(';\n').map((x) => x.trim()).filter(Boolean)) await gq(statement);

  const { PARAMS } = await import(path.join(shared, 'bench', 'common.mjs'));
  const idOf = (name) => [...nodes].find(([, n]) => n.name === name)[0];
  const q1 = await gq(`MATCH (:Node {name: '${PARAMS.Q1_actor}'})-[:ENDORSES]->(p:Node) RETURN p.name AS n ORDER BY n`);
  const actor = idOf(PARAMS.Q1_actor);
  check('Q1 on the generated graph', q1.map((r) => r.n),
    edges.filter(([s, , t]) => s === actor && t === 'ENDORSES').map(([, d]) => nodes.get(d).name).sort());

  const q2 = await gq(`MATCH (p:Node {name: '${PARAMS.Q2_principle}'})<-[:INVOKES]-(:Node)<-[:CONTAINS]-(:Node {kind: 'Statement'})<-[:DELIVERED]-(a:Node)
    RETURN count(DISTINCT a) AS c`);
  const principle = idOf(PARAMS.Q2_principle);
  const invoking = new Set(edges.filter(([, d, t]) => t === 'INVOKES' && d === principle).map(([s]) => s));
  const statements = new Set(edges.filter(([s, d, t]) => t === 'CONTAINS' && invoking.has(d) && nodes.get(s).kind === 'Statement').map(([s]) => s));
  const speakers = new Set(edges.filter(([, d, t]) => t === 'DELIVERED' && statements.has(d)).map(([s]) => s));
  check('Q2 on the generated graph', Number(q2[0].c), speakers.size);
  check('Q1 and Q2 are not empty', q1.length > 0 && speakers.size > 0, true);
  check('edges on the generated graph', Number((await gq('MATCH ()-[r]->() RETURN count(r) AS c'))[0].c), edges.length);
} finally {
  process.chdir(os.tmpdir());
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`kuzu export: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
