// The selected connection: the forms that act on one connection are filled with it, and the
// send form points at it. Views re-render on the `inspector:selection` event.
import { $, shortId } from './dom.js';
import { store } from './store.js';

const CONNECTION_FORMS = ['group-form', 'close-form', 'fault-form'];

export function select(hub, id) {
  store.selected = { hub, id };
  $('selected').textContent = `${shortId(id)} (${hub})`;
  for (const form of CONNECTION_FORMS) $(form).elements.connectionId.value = id;
  const send = $('send-form').elements;
  send.to.value = 'connection';
  send.name.value = id;
  document.dispatchEvent(new CustomEvent('inspector:selection'));
}

export function unselect() {
  store.selected = null;
  $('selected').textContent = 'none';
  for (const form of CONNECTION_FORMS) $(form).elements.connectionId.value = '';
  document.dispatchEvent(new CustomEvent('inspector:selection'));
}
