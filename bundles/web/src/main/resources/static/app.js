// Ductus web page: upload or draw a line, read it with several pipelines, compare.
// Plain ES2020, no dependencies. All data reaches the DOM through textContent.
'use strict';

const $ = (id) => document.getElementById(id);
const POLL_MS = 3000;
const ticks = new Map();      // pipeline name -> { checked, user }  (user: ticked/unticked by hand)
const versions = new Map();   // pipeline name -> last seen modelVersion
let current = null;           // { blob, type, url }  image chosen or drawn
let recognised = null;        // image of the last recognition, re-used by "explain"
let busy = false;

// ---------- small helpers ----------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'style') Object.assign(node.style, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c != null) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

const str = (v, dflt = '') => (v == null ? dflt : String(v));
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const arr = (v) => (Array.isArray(v) ? v : []);

function setStatus(message, isError = false) {
  const s = $('status');
  s.textContent = message || '';
  s.classList.toggle('error', !!isError);
}

function confidenceClass(c) {
  if (c == null) return 'c-unknown';
  if (c >= 0.9) return 'c-high';
  if (c >= 0.6) return 'c-mid';
  return 'c-low';
}

function fmtConf(c) {
  return c == null ? 'confidence unknown' : `confidence ${c.toFixed(3)}`;
}

// A service started with a token (dev.ductus.web token=...) is opened as /?token=T: every API call carries it.
const TOKEN = new URLSearchParams(window.location.search).get('token');
function withToken(url) {
  return TOKEN ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(TOKEN) : url;
}

// fetch + parse; never throws. Returns { ok, status, json, text, type }.
async function request(url, options = {}) {
  try {
    const headers = Object.assign({}, options.headers || {});
    if (TOKEN) headers.Authorization = 'Bearer ' + TOKEN;
    const res = await fetch(url, Object.assign({}, options, { headers }));
    const type = res.headers.get('Content-Type') || '';
    const text = await res.text();
    let json = null;
    if (type.includes('json') || /^\s*[[{]/.test(text)) {
      try { json = JSON.parse(text); } catch (_) { json = null; }
    }
    return { ok: res.ok, status: res.status, json, text, type };
  } catch (e) {
    return { ok: false, status: 0, json: null, text: '', type: '', networkError: str(e && e.message, 'network error') };
  }
}

function errorOf(r) {
  if (r.networkError) return `cannot reach server: ${r.networkError}`;
  const msg = r.json && typeof r.json === 'object' ? r.json.error : null;
  return str(msg, `HTTP ${r.status}${r.text ? ': ' + r.text.slice(0, 200) : ''}`);
}

function imageType(file) {
  if (file.type) return file.type;
  const name = file.name.toLowerCase();
  if (/\.tiff?$/.test(name)) return 'image/tiff';
  if (/\.jpe?g$/.test(name)) return 'image/jpeg';
  if (name.endsWith('.png')) return 'image/png';
  return 'application/octet-stream';
}

// ---------- current image ----------

function showImage(blob, type) {
  if (current && current.url && current.url !== (recognised && recognised.url)) URL.revokeObjectURL(current.url);
  current = { blob, type, url: URL.createObjectURL(blob) };
  const img = $('image');
  img.hidden = false;
  img.src = current.url;
  $('image-note').textContent = '';
}

$('image').addEventListener('error', () => {
  $('image').hidden = true;
  $('image-note').textContent = 'This browser cannot display the image (TIFF?); it can still be recognised.';
});

// Keep the aligned views exactly as wide as the displayed image.
function syncImageWidth() {
  const img = $('image');
  const w = !img.hidden && img.clientWidth > 0 ? `${img.clientWidth}px` : '100%';
  $('view').style.setProperty('--img-w', w);
}
$('image').addEventListener('load', syncImageWidth);
if ('ResizeObserver' in window) new ResizeObserver(syncImageWidth).observe($('image'));
else window.addEventListener('resize', syncImageWidth);

$('file').addEventListener('change', () => {
  const f = $('file').files && $('file').files[0];
  if (f) { showImage(f, imageType(f)); setStatus(`chosen ${f.name}`); }
});

// ---------- mode (upload / draw) ----------

function mode() {
  return $('mode-draw').checked ? 'draw' : 'upload';
}
function applyMode() {
  $('upload-panel').hidden = mode() !== 'upload';
  $('draw-panel').hidden = mode() !== 'draw';
}
$('mode-upload').addEventListener('change', applyMode);
$('mode-draw').addEventListener('change', applyMode);

// ---------- drawing canvas ----------

const canvas = $('canvas');
const ctx = canvas.getContext('2d');
let inked = false;
let last = null;

function clearCanvas() {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#000';
  ctx.fillStyle = '#000';
  ctx.lineWidth = 4;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  inked = false;
}

function canvasPoint(e) {
  const r = canvas.getBoundingClientRect();
  return {
    x: (e.clientX - r.left) * (canvas.width / (r.width || 1)),
    y: (e.clientY - r.top) * (canvas.height / (r.height || 1)),
  };
}

canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 && e.pointerType === 'mouse') return;
  canvas.setPointerCapture(e.pointerId);
  last = canvasPoint(e);
  ctx.beginPath();
  ctx.arc(last.x, last.y, ctx.lineWidth / 2, 0, Math.PI * 2);
  ctx.fill();
  inked = true;
  e.preventDefault();
});
canvas.addEventListener('pointermove', (e) => {
  if (!last) return;
  const p = canvasPoint(e);
  ctx.beginPath();
  ctx.moveTo(last.x, last.y);
  ctx.lineTo(p.x, p.y);
  ctx.stroke();
  last = p;
});
const endStroke = () => { last = null; };
canvas.addEventListener('pointerup', endStroke);
canvas.addEventListener('pointercancel', endStroke);
$('clear').addEventListener('click', clearCanvas);
clearCanvas();

const canvasBlob = () => new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));

// The image to send: the drawn canvas or the chosen file. Returns null with a status message if none.
async function imageToSend() {
  if (mode() === 'draw') {
    if (!inked) { setStatus('draw something first', true); return null; }
    const blob = await canvasBlob();
    if (!blob) { setStatus('could not export the drawing', true); return null; }
    showImage(blob, 'image/png');
    return current;
  }
  const f = $('file').files && $('file').files[0];
  if (!f) { setStatus('choose an image file first', true); return null; }
  if (!current || current.blob !== f) showImage(f, imageType(f));
  return current;
}

// ---------- pipelines ----------

function tickedPipelines() {
  return [...document.querySelectorAll('#pipelines input.pipeline:checked')].map((c) => c.value);
}

function renderPipelines(list) {
  const box = $('pipelines');
  const withModel = arr(list).filter((p) => p && p.name != null && p.model != null);
  const names = new Set(withModel.map((p) => str(p.name)));
  box.querySelectorAll('.hint').forEach((n) => n.remove());
  box.querySelectorAll('label.pipe').forEach((n) => { if (!names.has(n.dataset.pipeline)) n.remove(); });
  if (withModel.length === 0) box.append(el('span', { class: 'hint', text: 'no pipelines with a model yet' }));

  for (const p of withModel) {
    const name = str(p.name);
    const ready = p.ready === true;
    const data = str(p.data);
    const state = ticks.get(name);
    const dflt = ready && (data === 'cursive' || data === '');
    const checked = state && state.user ? state.checked : (state && state.checked) || dflt;
    ticks.set(name, { checked, user: !!(state && state.user) });

    let label = [...box.querySelectorAll('label.pipe')].find((n) => n.dataset.pipeline === name);
    if (!label) {
      const input = el('input', { type: 'checkbox', class: 'pipeline', value: name });
      input.addEventListener('change', () => ticks.set(name, { checked: input.checked, user: true }));
      label = el('label', { class: 'pipe', 'data-pipeline': name }, input,
        el('span', { class: 'name' }), el('span', { class: 'data' }), el('span', { class: 'version' }),
        el('span', { class: 'pstatus' }));
      box.append(label);
    }
    label.querySelector('input').checked = checked;
    label.classList.toggle('not-ready', !ready);
    label.classList.toggle('degraded', p.degraded === true);
    label.title = [str(p.description), str(p.stages)].filter(Boolean).join('\n');
    label.querySelector('.name').textContent = name;
    label.querySelector('.data').textContent = `${data || 'any'} · ${str(p.input, '?')}`;
    const version = str(p.modelVersion, 'no version');
    label.querySelector('.version').textContent = version;
    label.querySelector('.pstatus').textContent = str(p.status, ready ? 'ready' : 'not ready')
      + (p.degraded === true ? ' (degraded)' : '');
    if (versions.has(name) && versions.get(name) !== version) {
      label.classList.add('changed');            // model hot swap: flash the row
      setTimeout(() => label.classList.remove('changed'), 4000);
    }
    versions.set(name, version);
  }
}

async function pollPipelines() {
  if (!document.hidden) {
    const r = await request('/api/pipelines', { cache: 'no-store' });
    if (r.ok && Array.isArray(r.json)) renderPipelines(r.json);
    else if (!$('pipelines').querySelector('label.pipe')) {
      $('pipelines').replaceChildren(el('span', { class: 'hint error', text: `pipelines: ${errorOf(r)}` }));
    }
  }
  setTimeout(pollPipelines, POLL_MS);
}

// ---------- recognition ----------

$('recognize').addEventListener('click', async () => {
  if (busy) return;
  const names = tickedPipelines();
  if (names.length === 0) { setStatus('tick at least one pipeline', true); return; }
  busy = true;
  $('recognize').disabled = true;
  const image = await imageToSend();
  if (!image) { busy = false; $('recognize').disabled = false; return; }
  setStatus(`recognising with ${names.length} pipeline${names.length > 1 ? 's' : ''}...`);
  const t0 = performance.now();
  const r = await request(`/api/recognize?pipeline=${names.map(encodeURIComponent).join(',')}`, {
    method: 'POST', headers: { 'Content-Type': image.type }, body: image.blob,
  });
  busy = false;
  $('recognize').disabled = false;
  if (!r.ok || !r.json || !Array.isArray(r.json.results)) {
    setStatus(`recognition failed: ${errorOf(r)}`, true);
    return;
  }
  if (recognised && recognised !== image && recognised !== current) URL.revokeObjectURL(recognised.url);
  recognised = image;
  renderResults(r.json);
  const failed = r.json.results.filter((x) => !x || x.ok !== true).length;
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  setStatus(`done in ${secs} s` + (failed ? `, ${failed} pipeline(s) failed` : ''), failed > 0);
});

function renderResults(answer) {
  const box = $('results');
  box.replaceChildren();
  for (const res of arr(answer.results)) {
    if (res && typeof res === 'object') box.append(resultRow(res));
  }
  syncImageWidth();
}

function resultRow(res) {
  const name = str(res.pipeline, '?');
  const row = el('div', { class: 'result', 'data-pipeline': name });
  const head = el('div', { class: 'head' }, el('span', { class: 'name', text: name }));
  row.append(head);

  if (res.ok !== true) {
    row.classList.add('failed');
    const status = num(res.status);
    row.append(el('div', { class: 'error', text: (status ? `${status}: ` : '') + str(res.error, 'failed') }));
    return row;
  }

  const conf = num(res.confidence);
  const ms = num(res.ms);
  head.append(
    el('span', { class: `confidence ${confidenceClass(conf)}`, text: conf == null ? '' : `${(conf * 100).toFixed(1)} %` }),
    el('span', { class: 'version', text: str(res.modelVersion) }),
    el('span', { class: 'ms', text: ms == null ? '' : `${ms.toFixed(1)} ms` }),
    el('button', { type: 'button', class: 'explain small', text: 'what happens in the net',
      onclick: () => toggleExplain(row, name) }));

  const chars = arr(res.characters).filter((c) => c && typeof c === 'object');
  row.append(textView(str(res.text), chars), alignedView(chars));
  return row;
}

// Reading as text, each character coloured by its confidence.
function textView(text, chars) {
  const div = el('div', { class: 'text' });
  if (chars.length === 0) { div.textContent = text || '(empty)'; return div; }
  let line = null;
  for (const ch of chars) {
    const l = num(ch.line) ?? 0;
    if (line != null && l !== line) div.append(el('br'));
    line = l;
    const conf = num(ch.confidence);
    div.append(el('span', { class: `ch ${confidenceClass(conf)}`, text: str(ch.c), title: `'${str(ch.c)}' ${fmtConf(conf)}` }));
  }
  return div;
}

// Characters placed at their (scaled) columns under the image.
function alignedView(chars) {
  const div = el('div', { class: 'aligned' });
  const maxX1 = Math.max(0, ...chars.map((c) => num(c.x1) ?? num(c.x0) ?? 0));
  if (maxX1 <= 0) { div.hidden = true; return div; }
  let lines = 1;
  for (const ch of chars) {
    const x0 = num(ch.x0);
    const c = str(ch.c);
    if (x0 == null || c.trim() === '') continue;
    const x1 = Math.max(num(ch.x1) ?? x0, x0);
    const line = Math.max(0, Math.floor(num(ch.line) ?? 0));
    lines = Math.max(lines, line + 1);
    const conf = num(ch.confidence);
    div.append(el('span', {
      class: `ch ${confidenceClass(conf)}`, text: c, title: `'${c}' ${fmtConf(conf)}, columns ${x0}–${x1}`,
      style: { left: `${(x0 / maxX1) * 100}%`, width: `${Math.max(x1 - x0, 1) / maxX1 * 100}%`, top: `${line * 1.6}em` },
    }));
  }
  div.style.height = `${lines * 1.6}em`;
  return div;
}

// ---------- explain ----------

async function toggleExplain(row, name) {
  const open = row.querySelector('.explain-out');
  if (open) {
    if (open.dataset.url) URL.revokeObjectURL(open.dataset.url);
    open.remove();
    return;
  }
  const image = recognised || current;
  if (!image) { setStatus('no image to explain', true); return; }
  const out = el('div', { class: 'explain-out' }, el('span', { class: 'hint', text: `asking ${name} what it sees...` }));
  row.append(out);
  const r = await request(`/api/explain?pipeline=${encodeURIComponent(name)}`, {
    method: 'POST', headers: { 'Content-Type': image.type }, body: image.blob,
  });
  if (!out.isConnected) return;
  if (!r.ok || r.json || !r.text) {
    out.replaceChildren(el('div', { class: 'error', text: `explain: ${errorOf(r)}` }));
    return;
  }
  const frame = el('iframe', { sandbox: 'allow-scripts', title: `${name}: what happens in the net` });
  frame.srcdoc = r.text;
  const url = URL.createObjectURL(new Blob([r.text], { type: 'text/html' }));
  out.dataset.url = url;
  out.replaceChildren(
    el('div', { class: 'frame-box' }, frame),
    el('a', { href: url, target: '_blank', rel: 'noopener', class: 'small', text: 'open in a new tab' }));
}

// ---------- reports ----------

async function loadReports() {
  const ul = $('reports');
  const r = await request('/api/reports', { cache: 'no-store' });
  if (!r.ok || !Array.isArray(r.json)) {
    ul.replaceChildren(el('li', { class: 'error', text: `reports: ${errorOf(r)}` }));
    return;
  }
  const items = r.json.filter((x) => x && x.name != null);
  if (items.length === 0) { ul.replaceChildren(el('li', { class: 'hint', text: 'no reports yet' })); return; }
  ul.replaceChildren(...items.map((rep) => {
    const name = str(rep.name);
    const bytes = num(rep.bytes);
    const when = rep.modified ? new Date(rep.modified) : null;
    const meta = [when && !isNaN(when) ? when.toLocaleString() : '', bytes == null ? '' : `${(bytes / 1024).toFixed(1)} KiB`]
      .filter(Boolean).join(' · ');
    return el('li', {},
      el('a', { href: withToken(`/reports/${encodeURIComponent(name)}`), target: '_blank', rel: 'noopener', text: name }),
      el('span', { class: 'hint', text: meta ? ` ${meta}` : '' }));
  }));
}
$('reports-refresh').addEventListener('click', loadReports);

// ---------- compare ----------

$('compare').addEventListener('click', async () => {
  const out = $('compare-output');
  const zip = $('compare-file').files && $('compare-file').files[0];
  const names = tickedPipelines();
  if (!zip) { setStatus('choose a .zip of a line folder first', true); return; }
  if (names.length === 0) { setStatus('tick at least one pipeline', true); return; }
  $('compare').disabled = true;
  setStatus(`comparing ${names.length} pipeline(s) on ${zip.name}...`);
  out.replaceChildren(el('span', { class: 'hint', text: 'running, this can take a while...' }));
  const r = await request(`/api/compare?pipeline=${names.map(encodeURIComponent).join(',')}`, {
    method: 'POST', headers: { 'Content-Type': 'application/zip' }, body: zip,
  });
  $('compare').disabled = false;
  if (!r.ok || !r.json || typeof r.json !== 'object') {
    out.replaceChildren(el('div', { class: 'error', text: errorOf(r) }));
    setStatus(`compare failed: ${errorOf(r)}`, true);
    return;
  }
  const fixed = (v, d) => (num(v) == null ? '' : num(v).toFixed(d));
  const cols = [['pipeline', (x) => str(x.pipeline)], ['CER %', (x) => fixed(x.cer, 2)], ['WER %', (x) => fixed(x.wer, 2)],
    ['lines', (x) => str(x.lines)], ['seconds', (x) => fixed(x.seconds, 1)], ['failed', (x) => str(x.failed)]];
  const rows = arr(r.json.rows).filter((x) => x && typeof x === 'object');
  const table = el('table', { class: 'compare' },
    el('thead', {}, el('tr', {}, ...cols.map(([h]) => el('th', { text: h })))),
    el('tbody', {}, ...rows.map((x) => el('tr', {}, ...cols.map(([, f]) => el('td', { text: f(x) }))))));
  out.replaceChildren(table);
  if (r.json.table) out.append(el('pre', { text: str(r.json.table) }));
  setStatus(`compare done: ${rows.length} pipeline(s)`);
  loadReports();
});

// ---------- start ----------

applyMode();
pollPipelines();
loadReports();
