// The stack's own messages, filtered by --log-level (children filter theirs themselves).
import type { StackLogLevel } from './options';

export interface StackLog {
  debug(message: string): void;
  info(message: string): void;
  error(message: string): void;
}

const RANK: Record<StackLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export function stackLog(level: StackLogLevel): StackLog {
  const at = (wanted: StackLogLevel) => RANK[level] <= RANK[wanted];
  return {
    debug: (m) => at('debug') && console.log(`stack: ${m}`),
    info: (m) => at('info') && console.log(`stack: ${m}`),
    // Errors are what the exit code is about: always shown.
    error: (m) => console.error(`stack: ${m}`),
  };
}
