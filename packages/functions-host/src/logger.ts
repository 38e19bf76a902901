// Console output in the style of `func start`: timestamped lines, the app's `context.log` output
// with its level, one line per finished invocation.
import type { RpcLogLevel } from './core/types';

export type HostLogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: HostLogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export interface HostLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** `context.log*` from a function, at the level the app chose. */
  app(functionName: string, level: RpcLogLevel, message: string): void;
  /** Whether a message at this level is written (lets callers skip building it). */
  enabled(level: HostLogLevel): boolean;
}

const APP_LEVELS: Record<RpcLogLevel, HostLogLevel> = {
  trace: 'debug',
  debug: 'debug',
  information: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'error',
  none: 'silent',
};

export function consoleHostLogger(level: HostLogLevel = 'info'): HostLogger {
  const min = ORDER.indexOf(level);
  const enabled = (l: HostLogLevel) => l !== 'silent' && ORDER.indexOf(l) >= min;
  const line = (message: string) => `[${new Date().toISOString()}] ${message}`;
  const at = (l: HostLogLevel, write: (s: string) => void) => (message: string) => {
    if (enabled(l)) write(line(message));
  };
  return {
    enabled,
    debug: at('debug', console.debug),
    info: at('info', console.info),
    warn: at('warn', console.warn),
    error: at('error', console.error),
    app(functionName, appLevel, message) {
      const l = APP_LEVELS[appLevel];
      if (!enabled(l)) return;
      const write = l === 'error' ? console.error : l === 'warn' ? console.warn : console.info;
      const tag = appLevel === 'information' ? '' : `${appLevel.toUpperCase()}: `;
      write(line(`${tag}${message} (Functions.${functionName})`));
    },
  };
}
