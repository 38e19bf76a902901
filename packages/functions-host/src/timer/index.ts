// The timer extension: timerTrigger functions on NCRONTAB or TimeSpan schedules, with runOnStartup
// and the TimerInfo input of the real host. An invalid schedule stops the host at start-up.
import { configError } from '../errors';
import type { ExtensionFactory } from '../extension';
import type { FunctionDefinition } from '../functions';
import type { TimerSchedule } from './schedule';
import { parseSchedule } from './schedule';
import { TimerListener } from './timer-listener';

interface BoundTimer {
  fn: FunctionDefinition;
  schedule: TimerSchedule;
}

export const timerExtension: ExtensionFactory = (host) => {
  const bound: BoundTimer[] = [];
  const listeners: TimerListener[] = [];
  return {
    name: 'timer',
    triggers: {
      timertrigger: {
        bind(fn) {
          const expression = fn.trigger.options.schedule;
          const schedule = typeof expression === 'string' ? parseSchedule(expression) : undefined;
          if (!schedule) {
            throw configError(
              `Function '${fn.name}': the schedule expression ${JSON.stringify(expression)} was not recognized ` +
                'as a valid cron expression ({second} {minute} {hour} {day} {month} {day-of-week}) ' +
                'or timespan string (hh:mm:ss).',
            );
          }
          bound.push({ fn, schedule });
        },
        describe: (fn) =>
          `timerTrigger: ${bound.find((b) => b.fn === fn)?.schedule.expression ?? ''}`,
      },
    },
    start() {
      for (const { fn, schedule } of bound) {
        const { runOnStartup, useMonitor } = fn.trigger.options;
        const listener = new TimerListener({
          name: fn.name,
          schedule,
          runOnStartup: runOnStartup === true || runOnStartup === 'true',
          // Sub-minute schedules never use the monitor, whatever the option says.
          useMonitor: useMonitor !== false && useMonitor !== 'false' && schedule.monitorByDefault,
          logger: host.logger,
          invoke: (timerInfo) =>
            host.invoker.invoke(fn, {
              data: { json: timerInfo },
              triggerMetadata: {},
              bindingData: {},
            }),
        });
        listeners.push(listener);
        listener.start();
      }
    },
    async stop() {
      await Promise.all(listeners.splice(0).map((l) => l.stop()));
    },
  };
};
