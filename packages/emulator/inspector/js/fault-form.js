// The fault form (what to break, for which connection, user or event, for how long) and the
// Clear buttons of the faults in force.
import { call } from './api.js';
import { $, number } from './dom.js';
import { run } from './refresh.js';
import { hubFilter } from './store.js';

export function wireFaults() {
  $('fault-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = faultBody(new FormData(e.target));
    const oneOff = body.type === 'drop' || body.type === 'close';
    void run(
      async () => {
        const result = await call('faults', 'POST', body);
        if (!result.connections) return undefined;
        return `Fault applied to ${result.connections.length} connection(s).`;
      },
      oneOff ? 'Fault applied.' : 'Fault set.',
    );
  });
  $('faults').addEventListener('click', (e) => {
    const id = e.target.closest?.('button[data-clear-fault]')?.dataset.clearFault;
    if (id) void run(() => call(`faults/${encodeURIComponent(id)}`, 'DELETE'), 'Fault cleared.');
  });
  $('clear-faults').addEventListener('click', () =>
    run(() => call('faults', 'DELETE'), 'Faults cleared.'),
  );
}

/** The API's fault body for what the form says. */
export function faultBody(f) {
  const target = {};
  const hub = hubFilter();
  if (hub) target.hub = hub;
  for (const k of ['connectionId', 'userId', 'event']) if (f.get(k)) target[k] = f.get(k);
  const life = {};
  if (number(f.get('count'))) life.count = number(f.get('count'));
  if (number(f.get('durationMs'))) life.durationMs = number(f.get('durationMs'));
  const delayMs = number(f.get('delayMs')) ?? 0;
  switch (f.get('kind')) {
    case 'drop':
      return { type: 'drop', target };
    case 'close':
      return {
        type: 'close',
        target,
        code: number(f.get('code')) ?? 4000,
        reason: f.get('reason'),
      };
    case 'upstream-status':
      return { type: 'upstream', target, ...life, status: number(f.get('status')) ?? 500 };
    case 'upstream-timeout':
      return { type: 'upstream', target, ...life, timeout: true };
    case 'upstream-delay':
      return { type: 'upstream', target, ...life, delayMs };
    case 'delivery-delay':
      return { type: 'delivery', target, ...life, delayMs: Math.max(1, delayMs) };
    case 'delivery-pause':
      return { type: 'delivery', target, ...life, pause: true };
    default:
      return {
        type: 'throttleRest',
        target: hub ? { hub } : {},
        ...life,
        retryAfterSeconds: number(f.get('retryAfterSeconds')) ?? 1,
      };
  }
}
