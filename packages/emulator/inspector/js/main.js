// The inspector page: reads /inspector/api/state, follows /inspector/api/events (server-sent
// events) and posts actions and faults. Plain DOM in small ES modules, no build, no dependency.
import { wireActions } from './actions.js';
import { follow } from './api.js';
import { renderConnections } from './connections-view.js';
import { $ } from './dom.js';
import { wireFaults } from './fault-form.js';
import { wireKeyboard } from './keyboard.js';
import { setLive } from './live-status.js';
import { addEntry, clearLog, isPaused, renderLog, setPaused } from './log-view.js';
import { refresh, renderState } from './refresh.js';

$('hub-filter').addEventListener('change', () => {
  renderState();
  renderLog();
});
$('connection-search').addEventListener('input', renderConnections);
$('log-filters').addEventListener('input', renderLog);
$('log-filters').addEventListener('submit', (e) => e.preventDefault());
$('pause').addEventListener('click', () => setPaused(!isPaused()));
$('clear-log').addEventListener('click', clearLog);
document.addEventListener('inspector:selection', renderConnections);
wireActions();
wireFaults();
wireKeyboard();

void refresh();
follow({
  onOpen: () => {
    setLive(isPaused() ? 'paused' : 'live', isPaused() ? 'paused' : 'live');
    void refresh();
  },
  onEntry: addEntry,
  onError: () => setLive('offline', 'reconnecting…'),
});
// "Since" columns stay true without a refresh storm.
setInterval(() => void refresh(), 5000);
