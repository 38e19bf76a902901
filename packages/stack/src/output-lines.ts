// A child's output as lines: the last few kept for crash reports, and waits for a line to appear.
import { onAbort } from './on-abort';

const KEEP_LINES = 20;

export class OutputLines {
  private readonly recent: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();

  /** The last lines, oldest first. */
  last(): readonly string[] {
    return this.recent;
  }

  push(line: string): void {
    this.recent.push(line);
    if (this.recent.length > KEEP_LINES) this.recent.shift();
    for (const listener of [...this.listeners]) listener(line);
  }

  /** Resolves with the first line, among the kept ones or from now on, that matches `pattern`. */
  waitFor(pattern: RegExp, signal: AbortSignal): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (line: string) => {
        const match = pattern.exec(line);
        if (!match) return;
        this.listeners.delete(check);
        resolve(match);
      };
      for (const line of this.recent) check(line);
      this.listeners.add(check);
      onAbort(signal, () => {
        this.listeners.delete(check);
        reject(signal.reason as Error); // reasons here are always Errors
      });
    });
  }
}
