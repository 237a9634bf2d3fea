// The normgraph web explorer: search, the focused node's neighborhood as SVG (drawn by the
// server's export module), a side panel with properties and evidence, a Cypher box and the
// stance matrix, and the consistency checks with their explanations. Talks only to this
// server's /api/.
'use strict';

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function api(path, options) {
  const res = await fetch(path, options);
  const type = res.headers.get('Content-Type') || '';
  const body = type.startsWith('application/json') ? await res.json() : await res.text();
  if (!res.ok) {
    const msg = body && body.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`;
    throw new Error(msg);
  }
  return body;
}

function status(text) { $('#status').textContent = text; }

// ---------------------------------------------------------------- search with suggestions
let suggestTimer = null, suggestSeq = 0, activeIndex = -1;
const input = $('#search'), list = $('#suggestions');

function hideSuggestions() { list.hidden = true; list.replaceChildren(); activeIndex = -1; }

async function suggest() {
  const q = input.value.trim();
  const seq = ++suggestSeq;
  if (!q) return hideSuggestions();
  try {
    const r = await api(`/api/nodes?q=${encodeURIComponent(q)}&limit=12`);
    if (seq !== suggestSeq) return;
    list.replaceChildren(...r.nodes.map((n) =>
      el('li', { role: 'option', 'data-id': n.id, onmousedown: (ev) => { ev.preventDefault(); choose(n.id); } },
        n.name || n.id, el('span', { class: 'kind' }, `${n.kind} · ${n.id}`))));
    list.hidden = r.nodes.length === 0;
    activeIndex = -1;
  } catch (e) { status(e.message); }
}

function choose(id) { hideSuggestions(); input.value = ''; focusNode(id); }

input.addEventListener('input', () => { clearTimeout(suggestTimer); suggestTimer = setTimeout(suggest, 120); });
input.addEventListener('keydown', (ev) => {
  const items = [...list.children];
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    if (!items.length) return;
    activeIndex = (activeIndex + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items.forEach((li, i) => li.classList.toggle('active', i === activeIndex));
    ev.preventDefault();
  } else if (ev.key === 'Enter') {
    const li = items[activeIndex >= 0 ? activeIndex : 0];
    if (li) choose(li.dataset.id);
  } else if (ev.key === 'Escape') hideSuggestions();
});
input.addEventListener('blur', () => setTimeout(hideSuggestions, 150));

// ---------------------------------------------------------------- the window every view reads
// The facts shown: stated since / until a date, made by which sources (the API's view
// parameters). Explore, the matrix, the checks and Cypher read through it.
function viewParams() {
  const p = new URLSearchParams($('#window-sources').value);
  if ($('#window-since').value) p.set('since', $('#window-since').value.trim());
  if ($('#window-until').value) p.set('until', $('#window-until').value.trim());
  return p;
}
function withView(path) {
  const p = viewParams().toString();
  return p ? `${path}${path.includes('?') ? '&' : '?'}${p}` : path;
}
$('#window').addEventListener('submit', (ev) => ev.preventDefault());
$('#window').addEventListener('change', () => {
  $('#matrix').replaceChildren();
  const view = document.querySelector('nav .tab.active').dataset.view;
  if (view === 'explore' && currentFocus) focusNode(currentFocus, false);
  else showView(view);
});

// ---------------------------------------------------------------- the focused neighborhood
let currentFocus = null;

async function focusNode(id, pushHistory = true) {
  currentFocus = id;
  if (pushHistory && decodeURIComponent(location.hash.slice(1)) !== id) location.hash = encodeURIComponent(id);
  showView('explore');
  status(`loading ${id}…`);
  const depth = $('#depth').value;
  try {
    const [svg, nb] = await Promise.all([
      api(withView(`/api/export?format=svg&focus=${encodeURIComponent(id)}&depth=${depth}&max_nodes=80`)),
      api(withView(`/api/nodes/${encodeURIComponent(id)}/neighbors?depth=1&limit=400`)),
    ]);
    if (currentFocus !== id) return;
    drawGraph(svg, id);
    showPanel(nb);
    status(`${nb.node.name || id}: ${nb.edges.length} edges${nb.truncated ? ' (cut)' : ''}`);
  } catch (e) {
    status(e.message);
    $('#graph').replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

function drawGraph(svgText, focusId) {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') throw new Error('the server sent no SVG');
  for (const s of svg.querySelectorAll('script, foreignObject')) s.remove();
  const graph = $('#graph');
  graph.replaceChildren(document.importNode(svg, true));
  for (const g of graph.querySelectorAll('g.node')) {
    const title = g.querySelector('title');
    if (!title) continue;
    const id = title.textContent;
    g.dataset.id = id;
    if (id === focusId) g.classList.add('focus');
    // The DOT writer links nodes to their IRI; here a click moves the focus instead.
    for (const a of g.querySelectorAll('a')) a.removeAttribute('href'), a.removeAttribute('xlink:href'),
      a.removeAttributeNS('http://www.w3.org/1999/xlink', 'href');
  }
}

$('#graph').addEventListener('click', (ev) => {
  const g = ev.target.closest('g.node');
  if (!g || !g.dataset.id || g.dataset.id === 'legend') return;
  ev.preventDefault();
  focusNode(g.dataset.id);
});
$('#depth').addEventListener('change', () => currentFocus && focusNode(currentFocus, false));

function showPanel(nb) {
  const n = nb.node;
  $('#focus-title').textContent = `${n.name} (${n.kind})`;
  const rows = [['id', n.id], ['kind', n.kind], ['labels', n.labels.join(', ')], ['name', n.name]];
  if (n.aliases.length) rows.push(['aliases', n.aliases.join('; ')]);
  // A Document made from a file: the file it came from and the citation its header gave, first.
  const provenance = [['source', 'file'], ['citation', 'citation']];
  for (const [k, label] of provenance) if (n.properties[k] !== undefined) rows.push([label, String(n.properties[k])]);
  for (const [k, v] of Object.entries(n.properties)) {
    if (provenance.some(([p]) => p === k)) continue;
    rows.push([k, typeof v === 'string' ? v : JSON.stringify(v)]);
  }
  rows.push(['degree', `${n.degree.out} out, ${n.degree.in} in`]);
  $('#node-props').replaceChildren(el('h2', {}, n.name || n.id),
    el('table', {}, ...rows.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, v)))));
  const names = new Map(nb.nodes.map((x) => [x.id, x]));
  const edges = nb.edges.filter((e) => e.source === n.id || e.target === n.id);
  const evidence = $('#evidence');
  evidence.replaceChildren(...edges.map((e) => {
    const out = e.source === n.id;
    const otherId = out ? e.target : e.source;
    const other = names.get(otherId) || { name: otherId, kind: '' };
    const head = el('div', {},
      out ? '→ ' : '← ', el('b', {}, e.type), e.derived ? ' (derived) ' : ' ',
      el('span', { class: 'other', 'data-id': otherId, onclick: () => focusNode(otherId) }, other.name || otherId),
      el('span', { class: 'kind' }, other.kind));
    return el('div', { class: 'edge', 'data-key': e.key }, head, sentences(e.evidence));
  }));
  if (!edges.length) evidence.append(el('p', { class: 'hint' }, 'no edges'));
}

// The evidence sentences of an edge, a violation or an explanation, with their documents.
function sentences(evidence) {
  return evidence.filter((ev) => ev.text).map((ev) =>
    el('blockquote', { class: 'sentence' }, ev.text,
      el('div', { class: 'source' }, `${ev.doc_name || ev.doc}${ev.paragraph >= 0 ? `, ¶${ev.paragraph}` : ''}` +
        `${ev.sentence >= 0 ? ` sentence ${ev.sentence}` : ''} · ${ev.rule}`)));
}

// ---------------------------------------------------------------- checks
function nodeLink(id) {
  return el('span', { class: 'other', onclick: () => { showView('explore'); focusNode(id); } }, id);
}

function explanation(x) {
  const tag = x.missing ? 'missing from the graph' : x.cycle ? 'cycle' :
    x.derived ? `derived by ${x.rule}` : 'asserted';
  return el('li', { class: 'fact' }, el('code', {}, x.fact), el('span', { class: 'kind' }, tag),
    sentences(x.evidence), x.premises.length ? el('ul', {}, x.premises.map(explanation)) : []);
}

function violation(v) {
  const why = el('div', { class: 'why' });
  const bindings = Object.entries(v.bindings).map(([k, id]) => el('span', { class: 'binding' }, `${k} = `, nodeLink(id)));
  const button = v.fact ? el('button', {
    class: 'why-button', onclick: async () => {
      why.replaceChildren(el('p', { class: 'hint' }, 'explaining…'));
      try {
        why.replaceChildren(el('ul', { class: 'tree' }, explanation(await api(`/api/explain?fact=${encodeURIComponent(v.fact)}`))));
      } catch (e) { why.replaceChildren(el('p', { class: 'error' }, e.message)); }
    },
  }, 'why?') : [];
  return el('div', { class: `violation sev-${v.severity}`, 'data-check': v.check },
    el('div', {}, el('b', {}, v.severity), ' ', el('code', {}, v.check), ' ', v.message, ' ', button),
    el('div', {}, bindings), sentences(v.evidence), why);
}

async function loadChecks() {
  $('#checks-summary').textContent = 'checking…';
  try {
    const r = await api(withView('/api/check'));
    const s = r.summary;
    $('#checks-summary').textContent = `${s.errors} error(s), ${s.warnings} warning(s), ${s.info} info; ` +
      `${s.checks} rule checks and the schema checks in ${s.ms.toFixed(1)} ms`;
    $('#checks').replaceChildren(...(r.violations.length ? r.violations.map(violation)
      : [el('p', { class: 'hint' }, 'no violations')]));
  } catch (e) {
    $('#checks-summary').replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

// ---------------------------------------------------------------- Cypher
function cell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && v.labels && v.id) return `${v.name || ''} (${v.id})`;
  if (typeof v === 'object' && v.type && v.source) return `${v.source}-[${v.type}]->${v.target}`;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

$('#run').addEventListener('click', async () => {
  const info = $('#query-info'), out = $('#results');
  info.textContent = 'running…';
  try {
    const r = await api('/api/query', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: $('#cypher').value, params: {}, ...Object.fromEntries(viewParams()) }),
    });
    info.textContent = `${r.rows.length} rows in ${r.timing.total_ms.toFixed(1)} ms`;
    out.replaceChildren(tableWithCsv('query', r.columns, r.rows.map((row) => row.map(cell))));
  } catch (e) {
    info.textContent = '';
    out.replaceChildren(el('p', { class: 'error' }, e.message));
  }
});

// ---------------------------------------------------------------- sentence search
// The server marks matches with two control characters, which no sentence holds.
function marked(text) {
  return text.split(/(\u0002[^\u0003]*\u0003)/)
      .map((part) => part.startsWith('\u0002') ? el('mark', {}, part.slice(1, -1)) : part);
}

$('#sentence-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const info = $('#sentence-info'), hits = $('#sentence-hits'), years = $('#sentence-years');
  const params = new URLSearchParams({
    q: $('#sentence-q').value,
    speaker: $('#sentence-speaker').value,
    since: $('#sentence-since').value,
    until: $('#sentence-until').value
  });
  info.textContent = 'searching…';
  try {
    const r = await api(`/api/sentences?${params}&limit=100&mark_open=%02&mark_close=%03`);
    const c = await api(`/api/sentences?${params}&count_by=year`);
    info.textContent = `${r.total} sentence(s)${
        r.total > r.hits.length ? `, the first ${r.hits.length} shown` : ''}`;
    years.replaceChildren(c.counts.length ? el('div', {},
      csvLink('sentences-by-year', ['year', 'documents', 'sentences'], c.counts.map((y) => [y.year, y.documents, y.sentences])),
      csvLink('sentences', ['date', 'speaker', 'doc', 'sentence', 'text'], r.hits.map((h) => [h.date, h.speaker, h.doc, h.sentence, h.text])),
      el('table', { class: 'years' },
        el('tr', {}, el('th', {}, 'year'), ...c.counts.map((y) => el('td', {}, y.year || '–'))),
        el('tr', {}, el('th', {}, 'documents'), ...c.counts.map((y) => el('td', {}, y.documents))))) : '');
    hits.replaceChildren(...r.hits.map(
        (h) => el(
            'li', {class: 'hit'},
            el('div', {class: 'hit-source'}, h.date || 'no date', ' · ', h.speaker || 'no speaker',
               ' · ',
               el('a', {href: `#${encodeURIComponent(h.doc)}`, onclick: () => showView('explore')},
                  h.title || h.doc)),
            el('div', {}, ...marked(h.marked)))));
  } catch (e) {
    info.textContent = '';
    hits.replaceChildren(el('p', {class: 'error'}, e.message));
  }
});

// ---------------------------------------------------------------- tables as CSV
// A link that downloads a table as CSV (RFC 4180), made in the page: every table has one.
function csvLink(name, header, rows) {
  const field = (v) => { const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  const text = [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  return el('a', { class: 'csv', href: url, download: `${name}.csv` }, 'CSV');
}

function tableWithCsv(name, header, rows) {
  return el('div', {}, csvLink(name, header, rows),
    el('table', {}, el('tr', {}, ...header.map((h) => el('th', {}, h))),
      ...rows.map((r) => el('tr', {}, ...r.map((v) => el('td', {}, v === null || v === undefined ? '' : String(v)))))));
}

// ---------------------------------------------------------------- positions: compare, timeline
function windowParams(since, until) {
  const p = new URLSearchParams();
  if (since) p.set('since', since);
  if (until) p.set('until', until);
  return p;
}

const stanceWord = { ENDORSES: 'endorses', OPPOSES: 'opposes', CONCERNED_ABOUT: 'concerned' };
function stancesText(list) {
  return (list || []).map((s) => `${stanceWord[s.type] || s.type}${s.first_stated ? ` (${s.first_stated}` +
    `${s.last_stated && s.last_stated !== s.first_stated ? `-${s.last_stated}` : ''})` : ''}`).join('; ');
}

$('#compare-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const info = $('#compare-info'), out = $('#compare');
  const p = windowParams($('#compare-since').value, $('#compare-until').value);
  p.set('a', $('#compare-a').value);
  p.set('b', $('#compare-b').value);
  info.textContent = 'comparing…';
  try {
    const r = await api(`/api/compare?${p}`);
    const count = (rel) => r.concepts.filter((c) => c.relation === rel).length;
    info.textContent = `${count('collision')} collision(s), ${count('shared')} shared`;
    const relation = { only_first: `only ${r.first.name}`, only_second: `only ${r.second.name}` };
    const rows = r.concepts.map((c) => [relation[c.relation] || c.relation, c.concept.name || c.concept.id, c.concept.kind,
      stancesText(c.first), stancesText(c.second)]);
    out.replaceChildren(
      el('img', { src: `/api/compare?${p}&format=svg`, alt: 'compare diagram', class: 'diagram' }),
      tableWithCsv(`compare-${r.first.name}-${r.second.name}`,
        ['relation', 'concept', 'kind', r.first.name, r.second.name], rows));
  } catch (e) {
    info.textContent = '';
    out.replaceChildren(el('p', { class: 'error' }, e.message));
  }
});

$('#timeline-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const info = $('#timeline-info'), out = $('#timeline');
  const p = new URLSearchParams({ actor: $('#timeline-actor').value });
  if ($('#timeline-concept').value) p.set('concept', $('#timeline-concept').value);
  info.textContent = 'loading…';
  try {
    const t = await api(`/api/timeline?${p}`);
    const mark = { first: '*', change: '~', resume: '+' };  // as `normgraph timeline` marks them
    const rows = t.concepts.map((c) => [c.concept.name || c.concept.id, ...c.years.map((y) =>
      y.stance ? y.stance + (mark[y.event] || '') : (y.event === 'stop' ? '(stops)!' : '-'))]);
    info.textContent = `${t.concepts.length} concept(s) over ${t.years.length} year(s)`;
    out.replaceChildren(
      el('img', { src: `/api/timeline?${p}&format=svg`, alt: 'timeline', class: 'diagram' }),
      tableWithCsv(`timeline-${t.actor.name || t.actor.id}`, ['concept', ...t.years.map(String)], rows));
  } catch (e) {
    info.textContent = '';
    out.replaceChildren(el('p', { class: 'error' }, e.message));
  }
});

$('#alignment-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const info = $('#alignment-info'), out = $('#alignment');
  const p = windowParams($('#alignment-since').value, $('#alignment-until').value);
  info.textContent = 'aligning…';
  try {
    const r = await api(`/api/alignment?${p}`);
    const name = Object.fromEntries(r.actors.map((a) => [a.id, a.name || a.id]));
    const names = (list) => list.map((c) => c.concept.name || c.concept.id).join('; ');
    const pairs = [...r.pairs].sort((x, y) => y.score - x.score);
    info.textContent = `${r.actors.length} speakers, ${pairs.length} pair(s) with something in common`;
    const table = tableWithCsv('alignment', ['first', 'second', 'score', 'shared', 'collisions'],
      pairs.map((x) => [name[x.first], name[x.second], x.score.toFixed(2), names(x.shared), names(x.collisions)]));
    // A row opens its pair in Compare, where every concept has its sentences.
    [...table.querySelectorAll('tr')].slice(1).forEach((tr, i) => {
      tr.classList.add('link');
      tr.addEventListener('click', () => {
        $('#compare-a').value = pairs[i].first;
        $('#compare-b').value = pairs[i].second;
        $('#compare-since').value = $('#alignment-since').value;
        $('#compare-until').value = $('#alignment-until').value;
        $('#compare-form').requestSubmit();
        $('#compare-form').scrollIntoView();
      });
    });
    out.replaceChildren(el('img', { src: `/api/alignment?${p}&format=svg`, alt: 'alignment heat map', class: 'diagram' }), table);
  } catch (e) {
    info.textContent = '';
    out.replaceChildren(el('p', { class: 'error' }, e.message));
  }
});

// ---------------------------------------------------------------- the stance matrix
// RFC 4180 CSV, as the export writes it: quoted fields may hold commas, quotes and line breaks.
function parseCsv(text) {
  const rows = [[]];
  let field = '', quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += '"', ++i;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows[rows.length - 1].push(field), field = '';
    else if (c === '\n') rows[rows.length - 1].push(field), field = '', rows.push([]);
    else if (c !== '\r') field += c;
  }
  if (field || rows[rows.length - 1].length) rows[rows.length - 1].push(field);
  return rows.filter((r) => r.length > 1);
}

// "a, b" -> ['a', 'b'] (lower case); empty: everything passes.
function wordsOf(text) { return text.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean); }

async function loadMatrix() {
  const info = $('#matrix-info'), out = $('#matrix');
  const kinds = [...document.querySelectorAll('#matrix-form input[name=kind]:checked')].map((c) => c.value);
  if (!kinds.length) { out.replaceChildren(el('p', { class: 'error' }, 'choose at least one kind of concept')); return; }
  const path = withView(`/api/export?format=matrix&columns=${kinds.join(',')}`);
  info.textContent = 'loading…';
  try {
    const [header, ...rows] = parseCsv(await api(path));
    const actors = wordsOf($('#matrix-actors').value), concepts = wordsOf($('#matrix-concepts').value);
    const keepRow = (r) => !actors.length || actors.some((a) => r[1].toLowerCase() === a || r[0].toLowerCase() === a);
    const columns = header.map((h, i) => i).filter((i) => i >= 2 &&
      (!concepts.length || concepts.some((w) => header[i].toLowerCase().includes(w))));
    const kept = rows.filter(keepRow).map((r) => ({ id: r[0], name: r[1], cells: columns.map((i) => r[i]) }))
      .filter((r) => r.cells.some((c) => c !== 'none'));
    const shown = columns.filter((_, k) => kept.some((r) => r.cells[k] !== 'none'));
    const at = columns.map((i, k) => [i, k]).filter(([i]) => shown.includes(i)).map(([, k]) => k);
    info.textContent = `${kept.length} actor(s) × ${shown.length} concept(s)`;
    const table = el('table', { class: 'matrix' },
      el('tr', {}, el('th', {}, 'actor'), ...shown.map((i) => el('th', { title: header[i] }, el('span', {}, header[i])))),
      ...kept.map((r) => el('tr', {}, el('th', {}, r.name), ...at.map((k) => {
        const [state, n] = r.cells[k].split(':');
        const td = el('td', { class: `st-${state}`, title: state === 'none' ? '' : `${r.name} ${state}: ${n} sentence(s)` }, n || '');
        if (state !== 'none') td.addEventListener('click', () => focusNode(r.id));
        return td;
      }))));
    out.replaceChildren(
      csvLink('stance-matrix', ['id', 'name', ...shown.map((i) => header[i])], kept.map((r) => [r.id, r.name, ...at.map((k) => r.cells[k])])),
      el('a', { class: 'csv', href: withView(`/api/export?format=matrix-svg&columns=${kinds.join(',')}`), target: '_blank' }, 'SVG (all)'),
      el('span', { class: 'legend' }, ...['endorse', 'oppose', 'both', 'concern'].map((s) => el('span', { class: `st-${s}` }, s))),
      el('div', { class: 'matrix-scroll' }, table));
  } catch (e) {
    info.textContent = '';
    out.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}
$('#matrix-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadMatrix(); });

// ---------------------------------------------------------------- views
function showView(name) {
  for (const b of document.querySelectorAll('nav .tab')) b.classList.toggle('active', b.dataset.view === name);
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id !== `view-${name}`;
  if (name === 'checks') loadChecks();  // the server answers from its cache until the graph changes
  if (name === 'matrix' && !$('#matrix').firstChild) loadMatrix();
}
for (const b of document.querySelectorAll('nav .tab')) b.addEventListener('click', () => showView(b.dataset.view));

window.addEventListener('hashchange', () => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id && id !== currentFocus) focusNode(id, false);
});
if (location.hash.length > 1) focusNode(decodeURIComponent(location.hash.slice(1)), false);
api('/api/health').then((h) => status(`${h.nodes} nodes, ${h.edges} edges`)).catch((e) => status(e.message));
