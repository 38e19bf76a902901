// Groups with their members, users with their connections, and the faults in force (each with
// its Clear button, handled by fault-form.js).
import { $, el, shortId } from './dom.js';
import { store, visibleHubs } from './store.js';

export function renderGroupsAndUsers() {
  const groups = [];
  const users = [];
  for (const hub of visibleHubs()) {
    for (const g of hub.groups) {
      groups.push(
        el(
          'li',
          { dataset: { group: g.name, hub: hub.name } },
          el('strong', { text: g.name }),
          el('span', { className: 'hint', text: ` ${g.members.length} member(s)` }),
          el(
            'div',
            {},
            ...g.members.map((m) =>
              el('span', { className: 'chip mono', title: m, text: shortId(m) }),
            ),
          ),
        ),
      );
    }
    for (const u of hub.users) {
      users.push(
        el(
          'li',
          { dataset: { user: u.id, hub: hub.name } },
          el('strong', { text: u.id }),
          el('span', { className: 'hint', text: ` ${u.connections.length} connection(s)` }),
        ),
      );
    }
  }
  $('groups').replaceChildren(...orEmpty(groups, 'No groups.'));
  $('users').replaceChildren(...orEmpty(users, 'No users.'));
}

export function renderFaults() {
  const items = store.state.faults.map((f) =>
    el(
      'li',
      { dataset: { fault: f.id } },
      el('span', { text: `${f.description} · applied ${f.hits}× ` }),
      el('button', {
        type: 'button',
        text: 'Clear',
        dataset: { clearFault: f.id },
        'aria-label': `Clear fault: ${f.description}`,
      }),
    ),
  );
  $('faults').replaceChildren(...orEmpty(items, 'No faults in force.'));
}

function orEmpty(items, text) {
  return items.length ? items : [el('li', { className: 'empty', text })];
}
