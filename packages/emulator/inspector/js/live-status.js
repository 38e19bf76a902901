// The live/paused/offline badge in the header.
import { $ } from './dom.js';

export function setLive(state, text) {
  const s = $('live-status');
  s.dataset.state = state;
  s.textContent = text;
}
