// The web explorer end to end in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core from npm, installed into the benchmark cache on first use): open /, search
// "China", pick the suggestion, click a neighbor in the SVG drawing, and check that the evidence
// panel shows the sentence behind the edge between the two; run a Cypher query, open the stance
// matrix, and in the checks view explain a violation down to its sentences. Saves a screenshot.
//   node server_browser_test.mjs NORMGRAPH_CLI SHARED_DIR SCREENSHOT.png
// Exit code 77 (skipped) when Chromium is not installed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [cli, shared, screenshot] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`SKIPPED: no Chromium at ${chromium} (scripts/install-deps.sh installs it)`);
  process.exit(77);
}
const { need } = await import(path.join(shared, 'bench', 'common.mjs'));
const { chromium: pw } = need('playwright-core', 'playwright-core@1.52.0');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'normgraph-browser-'));
const data = path.join(tmp, 'data');
// The reference statement, and a small graph with one dual stance for the checks view.
const dualStance = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'rules', 'dual-stance.json');
execFileSync(cli, ['ingest', '--data', data, path.join(shared, 'corpus/statements/000_f7b3e24bbd779271.txt'), dualStance],
  { stdio: ['ignore', 'ignore', 'inherit'] });

const server = spawn(cli, ['serve', '--data', data, '--port', '0', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
const port = await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d) => {
    err += d;
    const m = /listening on http:\/\/[^:]+:(\d+)\//.exec(err);
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  setTimeout(() => reject(new Error('server did not start')), 60000);
});
const base = `http://127.0.0.1:${port}`;

let browser, failed = false;
try {
  // The neighbor to click: China's first out-edge that has an evidence sentence.
  const nb = await (await fetch(`${base}/api/nodes/state%3ACHN/neighbors?depth=1`)).json();
  const edge = nb.edges.find((e) => e.source === 'state:CHN' && e.evidence.some((ev) => ev.text));
  if (!edge) throw new Error('China has no edge with evidence in the seed graph');
  const neighbor = edge.target;
  const sentence = edge.evidence.find((ev) => ev.text).text;

  browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(base + '/');
  await page.fill('#search', 'China');
  const suggestion = page.locator('#suggestions li[data-id="state:CHN"]');
  await suggestion.waitFor({ timeout: 10000 });
  await suggestion.click();
  await page.locator('#graph svg g.node[data-id="state:CHN"]').waitFor({ timeout: 20000 });
  await page.locator('#focus-title', { hasText: 'China' }).waitFor();
  // Click the neighbor in the drawing.
  const target = page.locator(`#graph svg g.node[data-id="${neighbor}"]`);
  await target.waitFor({ timeout: 10000 });
  await target.click();
  await page.locator(`#graph svg g.node.focus[data-id="${neighbor}"]`).waitFor({ timeout: 20000 });
  // The panel of the neighbor lists the edge from China with its sentence and document.
  const key = `state:CHN-[${edge.type}]->${neighbor}`;
  const panelEdge = page.locator(`#evidence .edge[data-key="${key}"]`);
  await panelEdge.waitFor({ timeout: 10000 });
  const text = await panelEdge.innerText();
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  if (!norm(text).includes(norm(sentence).slice(0, 60)))
    throw new Error(`the evidence panel lacks the sentence:\n  want: ${sentence}\n  got: ${text}`);
  if (!/China|000_f7b3e24bbd779271|statement/i.test(text))
    throw new Error(`the evidence panel does not name the document: ${text}`);
  // The Cypher box and the stance matrix.
  await page.click('button[data-view="cypher"]');
  await page.click('#run');
  await page.locator('#results table tr >> nth=1').waitFor({ timeout: 10000 });
  // The stance matrix: concern is a state of its own; actors and concepts can be chosen.
  await page.click('button[data-view="matrix"]');
  await page.locator('#matrix table.matrix td.st-concern').first().waitFor({ timeout: 10000 });
  await page.locator('#matrix table.matrix td.st-endorse').first().waitFor();
  mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-matrix.png'), fullPage: true });
  await page.fill('#matrix-actors', 'China');
  await page.fill('#matrix-concepts', 'sovereignty');
  await page.click('#matrix-run');
  await page.locator('#matrix-info', { hasText: '1 actor(s) × 1 concept(s)' }).waitFor({ timeout: 10000 });
  const [matrixCsv] = await Promise.all([page.waitForEvent('download'), page.click('#matrix a.csv >> nth=0')]);
  const matrixText = readFileSync(await matrixCsv.path(), 'utf8');
  if (!/^id,name,sovereignty\r\nstate:CHN,China,endorse:\d+\r\n$/.test(matrixText))
    throw new Error(`the matrix CSV is not the chosen table: ${matrixText}`);
  // The checks: the dual stance with both sentences, then its derivation.
  await page.click('button[data-view="checks"]');
  const violation = page.locator('#checks .violation[data-check="dual_stance"]');
  await violation.waitFor({ timeout: 20000 });
  const vtext = norm(await violation.innerText());
  for (const want of ['Examplestan upholds the principle of state sovereignty',
    'Examplestan rejects any appeal to sovereignty'])
    if (!vtext.includes(want)) throw new Error(`the violation lacks "${want}": ${vtext}`);
  await violation.locator('.why-button').click();
  const tree = violation.locator('ul.tree');
  await tree.waitFor({ timeout: 20000 });
  const ttext = norm(await tree.innerText());
  for (const want of ['state:XYZ SUPPORTS principle:sovereignty', 'derived by supports_endorsed',
    'state:XYZ ENDORSES principle:sovereignty', 'asserted'])
    if (!ttext.includes(want)) throw new Error(`the explanation lacks "${want}": ${ttext}`);
  mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-checks.png'), fullPage: true });
  // The window every view reads: facts stated since 2022 leave out Examplestan's of 2021, and
  // its dual stance with them; emptied, the window shows it again.
  await page.fill('#window-since', '2022');
  await page.dispatchEvent('#window-since', 'change');
  await violation.waitFor({ state: 'detached', timeout: 20000 });
  await page.fill('#window-since', '');
  await page.dispatchEvent('#window-since', 'change');
  await violation.waitFor({ timeout: 20000 });
  // Sentence search: every sentence, the words found marked, counted by year.
  await page.click('button[data-view="sentences"]');
  await page.fill('#sentence-q', 'sovereignty');
  await page.click('#sentence-run');
  await page.locator('#sentence-hits li mark').first().waitFor({ timeout: 10000 });
  const mark = norm(await page.locator('#sentence-hits li mark').first().innerText());
  if (!/^sovereignty$/i.test(mark)) throw new Error(`the sentence hit marks "${mark}", not sovereignty`);
  if (!/sentence\(s\)/.test(await page.locator('#sentence-info').innerText()))
    throw new Error('the sentence search shows no count');
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-sentences.png'), fullPage: true });
  // Positions: compare two actors (a diagram and a table with its CSV download) and a timeline.
  await page.click('button[data-view="positions"]');
  await page.fill('#compare-a', 'China');
  await page.fill('#compare-b', 'Examplestan');
  await page.click('#compare-run');
  const compareRow = page.locator('#compare table tr', { hasText: 'sovereignty' }).first();
  await compareRow.waitFor({ timeout: 10000 });
  await page.locator('#compare img.diagram').waitFor();
  if (!(await page.locator('#compare img.diagram').evaluate((img) => img.complete && img.naturalWidth > 0)))
    throw new Error('the compare diagram did not load');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#compare a.csv')]);
  const csvPath = await download.path();
  const csvText = readFileSync(csvPath, 'utf8');
  if (!csvText.startsWith('relation,concept,kind,China,Examplestan\r\n') || !/sovereignty/.test(csvText))
    throw new Error(`the compare CSV is not the table: ${csvText.slice(0, 200)}`);
  await page.fill('#timeline-actor', 'Examplestan');
  await page.click('#timeline-run');
  await page.locator('#timeline table tr', { hasText: 'sovereignty' }).first().waitFor({ timeout: 10000 });
  if (!/2021/.test(await page.locator('#timeline table tr >> nth=0').innerText()))
    throw new Error('the timeline table has no 2021 column');
  // Alignment of the speakers: a heat map and a table of pairs; a pair opens in Compare.
  await page.evaluate(() => { document.querySelector('#compare').replaceChildren(); });
  await page.click('#alignment-run');
  const pair = page.locator('#alignment table tr', { hasText: 'sovereignty' }).first();
  await pair.waitFor({ timeout: 10000 });
  const heatMap = page.locator('#alignment img.diagram');
  await heatMap.waitFor();
  const loaded = await heatMap.evaluate((img) => (img.complete ? img.naturalWidth > 0
    : new Promise((done) => { img.onload = () => done(img.naturalWidth > 0); img.onerror = () => done(false); })));
  if (!loaded) throw new Error('the alignment heat map did not load');
  if (!/China/.test(await pair.innerText())) throw new Error(`the alignment pair lacks China: ${await pair.innerText()}`);
  await pair.click();
  await page.locator('#compare table tr', { hasText: 'sovereignty' }).first().waitFor({ timeout: 10000 });
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-positions.png'), fullPage: true });
  await page.click('button[data-view="explore"]');
  await page.screenshot({ path: screenshot, fullPage: true });
  const foreign = requests.filter((u) => !u.startsWith(base));
  if (foreign.length) throw new Error(`requests left the server: ${foreign.join(', ')}`);
  console.log(`PASSED: searched China, clicked ${neighbor}, evidence shown; a violation explained; a sentence search; ` +
    `a window hiding a violation, compare with its CSV, a timeline, alignment opening a pair in compare; screenshots ${screenshot}, -matrix.png, -checks.png, -sentences.png and -positions.png`);
} catch (e) {
  failed = true;
  console.log(`FAILED: ${e.stack || e}`);
  try {
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0]) await pages[0].screenshot({ path: screenshot.replace(/\.png$/, '-failed.png') });
    }
  } catch {}
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
