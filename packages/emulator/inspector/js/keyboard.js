// Keyboard use: `/` searches connections, `p` pauses the log, Escape leaves a field and clears
// the selection. Letters are ignored while typing or with a modifier.
import { $ } from './dom.js';
import { isPaused, setPaused } from './log-view.js';
import { unselect } from './selection.js';

export function wireKeyboard() {
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
    if (e.key === 'Escape') {
      if (typing) e.target.blur();
      unselect();
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      $('connection-search').focus();
    } else if (e.key === 'p') {
      setPaused(!isPaused());
    }
  });
}
