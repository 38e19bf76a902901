// The connections table: one focusable row per connection (click, Enter or Space selects it),
// searched by id, user, hub, subprotocol and group.
import { $, ago, el, shortId } from './dom.js';
import { select } from './selection.js';
import { store, visibleHubs } from './store.js';

export function renderConnections() {
  const q = $('connection-search').value.trim().toLowerCase();
  const body = $('connections').tBodies[0];
  const rows = [];
  let total = 0;
  for (const hub of visibleHubs()) {
    for (const c of hub.connections) {
      total++;
      const hay = [c.id, c.userId ?? '', hub.name, c.subprotocol ?? 'raw', ...c.groups]
        .join(' ')
        .toLowerCase();
      if (q && !hay.includes(q)) continue;
      rows.push(connectionRow(hub.name, c));
    }
  }
  const focused = document.activeElement?.closest?.('tr')?.dataset.id;
  body.replaceChildren(...rows);
  if (focused) body.querySelector(`tr[data-id="${CSS.escape(focused)}"]`)?.focus();
  $('connection-count').textContent = String(total);
  $('no-connections').hidden = total > 0;
}

function connectionRow(hub, c) {
  const isSelected = store.selected?.id === c.id;
  const tr = el('tr', {
    dataset: { id: c.id, hub },
    tabIndex: 0,
    'aria-selected': String(isSelected),
    title: 'Enter: select for actions',
  });
  const reliable = c.reliable ? `${c.reliable.state}, ${c.reliable.unacked} unacked` : '—';
  tr.append(
    el('td', { className: 'mono', title: c.id, text: shortId(c.id) }),
    el('td', { text: c.userId ?? '(anonymous)' }),
    el('td', { text: hub }),
    el('td', { text: c.subprotocol ?? 'raw' }),
    el('td', {}, ...c.groups.map((g) => el('span', { className: 'chip', text: g }))),
    el('td', {}, ...c.roles.map((r) => el('span', { className: 'chip', text: r }))),
    el('td', { text: c.connectedSince ? ago(c.connectedSince) : '' }),
    el('td', { text: reliable }),
    el('td', { className: 'mono', text: `${c.framesIn} / ${c.framesOut}` }),
  );
  tr.addEventListener('click', () => select(hub, c.id));
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(hub, c.id);
    }
  });
  return tr;
}
