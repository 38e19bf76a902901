// The live log: entries as they stream in (newest first), filtered by hub, connection, user,
// group, event, kind and outcome, with a pause that keeps counting what it holds back. The
// emulator samples a busy log: its `sampled` entries say how much was left out and are shown
// whatever the filters, since a filtered view may be missing some of what they count.
import { $, el, shortId, time } from './dom.js';
import { setLive } from './live-status.js';
import { refreshSoon } from './refresh.js';
import { hubFilter } from './store.js';

const KEPT = 1000;
const SHOWN = 300;
const LABELS = {
  'frame-in': 'frame in',
  'frame-out': 'frame out',
  rest: 'REST',
  upstream: 'upstream',
  connection: 'connection',
  fault: 'fault',
  action: 'action',
  sampled: 'sampled',
};

const DRAW_MS = 50;

const entries = [];
/** Entries to draw at the next batch, oldest first. */
let fresh = [];
let drawTimer;
let paused = false;
let missed = 0;

export function isPaused() {
  return paused;
}

export function addEntry(e) {
  entries.push(e);
  if (entries.length > KEPT) entries.splice(0, entries.length - KEPT);
  if (changesState(e)) refreshSoon();
  if (paused) {
    missed++;
    $('paused-note').textContent =
      `Paused: ${missed} new entr${missed === 1 ? 'y' : 'ies'} not shown.`;
    return;
  }
  if (!matchesFilters(e)) return;
  // Rows are added in batches: a busy log costs the browser one DOM update per batch.
  fresh.push(e);
  if (fresh.length > SHOWN) fresh.splice(0, fresh.length - SHOWN);
  drawTimer ??= setTimeout(drawFresh, DRAW_MS);
}

function drawFresh() {
  drawTimer = undefined;
  const rows = fresh.reverse().map(entryRow);
  fresh = [];
  const log = $('log');
  log.prepend(...rows);
  while (log.children.length > SHOWN) log.lastElementChild.remove();
}

export function renderLog() {
  fresh = [];
  filters = readFilters();
  const rows = entries.filter(matchesFilters).slice(-SHOWN).reverse().map(entryRow);
  $('log').replaceChildren(...rows);
}

export function clearLog() {
  entries.length = 0;
  renderLog();
}

export function setPaused(value) {
  paused = value;
  const button = $('pause');
  button.setAttribute('aria-pressed', String(paused));
  button.textContent = paused ? 'Resume' : 'Pause';
  $('paused-note').hidden = !paused;
  $('paused-note').textContent = 'Paused: new entries are kept, not shown.';
  setLive(paused ? 'paused' : 'live', paused ? 'paused' : 'live');
  if (!paused) {
    missed = 0;
    renderLog();
  }
}

/** Entries after which the state views are stale (not every frame: the page stays cheap). */
function changesState(e) {
  if (e.kind === 'connection' || e.kind === 'action' || e.kind === 'fault') return true;
  if (e.kind === 'rest') return e.status !== undefined && e.status < 400;
  return e.kind === 'frame-in' && /\b(joinGroup|leaveGroup)\b/.test(e.summary);
}

/** The filters as last read (renderLog reads them again when they change). */
let filters;

function readFilters() {
  const f = new FormData($('log-filters'));
  const text = (name) => f.get(name) || '';
  return {
    hub: hubFilter().toLowerCase(),
    fields: ['connectionId', 'userId', 'group', 'event']
      .map((name) => [name, text(name)])
      .filter(([, value]) => value),
    kind: text('kind'),
    outcome: text('outcome'),
  };
}

function matchesFilters(e) {
  if (e.kind === 'sampled') return true;
  filters ??= readFilters();
  const { hub, fields, kind, outcome } = filters;
  if (hub && e.hub && e.hub.toLowerCase() !== hub) return false;
  for (const [field, value] of fields) {
    if (!String(e[field] ?? '').includes(value)) return false;
  }
  if (kind && !(kind === 'frame' ? e.kind.startsWith('frame') : e.kind === kind)) return false;
  return !outcome || e.outcome === outcome;
}

function entryRow(e) {
  const who = [e.hub, e.userId && `user ${e.userId}`, e.connectionId && shortId(e.connectionId)]
    .filter(Boolean)
    .join(' · ');
  const extra = e.durationMs !== undefined ? ` (${e.durationMs} ms)` : '';
  const li = el(
    'li',
    { dataset: { kind: e.kind, outcome: e.outcome, seq: String(e.seq) } },
    el('span', { className: 'time', text: time(e.time) }),
    el('span', { className: 'kind', text: LABELS[e.kind] ?? e.kind }),
    el('span', { className: 'summary', text: `${e.summary}${extra}` }),
  );
  if (e.status !== undefined) li.dataset.status = String(e.status);
  const facts = { who, ...(e.detail ?? {}) };
  const details = el('details', {}, el('summary', { className: 'hint', text: who || 'details' }));
  details.append(el('pre', { className: 'mono', text: JSON.stringify(facts, null, 2) }));
  li.append(details);
  return li;
}
