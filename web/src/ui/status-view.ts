// The connection state, always visible and announced politely when it changes.
import type { ConnectionState } from '../connection';
import { h } from './dom';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function statusView(): {
  el: HTMLElement;
  set(state: ConnectionState, detail?: string): void;
} {
  const text = h('span', {}, LABELS.connecting);
  const el = h(
    'p',
    { id: 'connection-status', class: 'status', role: 'status', 'data-state': 'connecting' },
    h('span', { class: 'status-dot', 'aria-hidden': 'true' }),
    text,
  );
  return {
    el,
    set(state, detail) {
      el.dataset.state = state;
      text.textContent = detail ? `${LABELS[state]} (${detail})` : LABELS[state];
    },
  };
}
