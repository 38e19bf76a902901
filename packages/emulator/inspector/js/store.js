// What the page knows: the last state read from the API and the selected connection, plus the
// hub every view and action is scoped to.
import { $ } from './dom.js';

export const store = {
  /** The last GET /inspector/api/state. */
  state: { hubs: [], faults: [], watching: false },
  /** { hub, id } of the connection actions apply to, or null. */
  selected: null,
};

export function hubFilter() {
  return $('hub-filter').value;
}

export function visibleHubs() {
  const f = hubFilter();
  return store.state.hubs.filter((h) => !f || h.name === f);
}

/** The hub an action goes to: the filter's, else the selected connection's, else the only one. */
export function actionHub() {
  if (hubFilter()) return hubFilter();
  if (store.selected) return store.selected.hub;
  if (store.state.hubs.length === 1) return store.state.hubs[0].name;
  throw new Error('Choose a hub first (the Hub menu at the top).');
}
