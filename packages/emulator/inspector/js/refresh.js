// Keeps the page's view of the emulator's state current: reads it, renders every state view,
// and runs an action then reads the state again.
import { call } from './api.js';
import { renderConnections } from './connections-view.js';
import { $, el, say } from './dom.js';
import { setLive } from './live-status.js';
import { renderFaults, renderGroupsAndUsers } from './overview-view.js';
import { store } from './store.js';

let timer = null;

/** A refresh soon, however many entries asked for one meanwhile. */
export function refreshSoon() {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    void refresh();
  }, 300);
}

export async function refresh() {
  try {
    store.state = await call('state', 'GET');
    renderState();
  } catch {
    setLive('offline', 'emulator unreachable');
  }
}

export function renderState() {
  renderHubMenu();
  renderConnections();
  renderGroupsAndUsers();
  renderFaults();
}

/** Runs an action, says how it went, and shows its effect. */
export async function run(action, done) {
  try {
    const said = await action();
    say(typeof said === 'string' ? said : done);
    await refresh();
  } catch (err) {
    say(`Failed: ${err.message}`);
  }
}

function renderHubMenu() {
  const menu = $('hub-filter');
  const current = menu.value;
  const names = store.state.hubs.map((h) => h.name);
  const shown = [...menu.options].slice(1).map((o) => o.value);
  if (shown.join() === names.join()) return;
  menu.replaceChildren(el('option', { value: '', text: 'all hubs' }));
  for (const n of names) menu.append(el('option', { value: n, text: n }));
  menu.value = names.includes(current) ? current : '';
  // Its hub is gone: every view shows all hubs again.
  if (menu.value !== current) menu.dispatchEvent(new Event('change'));
}
