// A small leveled logger; the CLI prints to the console, tests and benchmarks stay quiet.

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Whether a message at this level is written (lets hot paths skip building it). */
  enabled(level: LogLevel): boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function consoleLogger(level: LogLevel = 'info'): Logger {
  const min = ORDER.indexOf(level);
  const enabled = (l: LogLevel) => l !== 'silent' && ORDER.indexOf(l) >= min;
  const at =
    (l: LogLevel, write: (s: string) => void) =>
    (message: string): void => {
      if (enabled(l)) write(`[emulator] ${l}: ${message}`);
    };
  return {
    enabled,
    debug: at('debug', console.debug),
    info: at('info', console.info),
    warn: at('warn', console.warn),
    error: at('error', console.error),
  };
}
