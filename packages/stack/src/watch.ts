// `--watch`: like the real host's file watching, a change to the app's output restarts the host;
// with a `build` script, a change to its sources first runs the build. Events while a build runs
// are the build's own writes: they count as output changes, never as new source changes.
import type { FSWatcher } from 'node:fs';
import { watch } from 'node:fs';
import path from 'node:path';

/** Folders no app change lives in. */
const IGNORED = new Set(['node_modules', '.git', '.azurite', '.host-keys', '.azure', 'coverage']);
const SETTLE_MS = 200;

export interface AppWatchOptions {
  root: string;
  /** package.json `main`: its first folder is where the host's code is (`dist/functions/*.js` →
   * `dist`); with no folder, the whole app. */
  main: string | undefined;
  hasBuild: boolean;
  /** Runs the build; resolves true when it succeeded. */
  build(): Promise<boolean>;
  restartHost(): Promise<void>;
  onError(err: unknown): void;
}

export class AppWatcher {
  private readonly watcher: FSWatcher;
  private readonly outputDir: string | undefined;
  private building = false;
  private sourceChanged = false;
  private outputChanged = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly o: AppWatchOptions) {
    const first = o.main?.split(/[\\/]/)[0];
    this.outputDir = first && first !== o.main && !/[*?[{]/.test(first) ? first : undefined;
    this.watcher = watch(o.root, { recursive: true }, (_event, file) => {
      if (file) this.onChange(file.toString());
    });
    this.watcher.on('error', (err) => o.onError(err));
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher.close();
  }

  private onChange(file: string): void {
    const segments = file.split(path.sep);
    if (segments.some((s) => IGNORED.has(s) || (s.startsWith('.') && s.length > 1))) return;
    const isOutput = !this.o.hasBuild || !this.outputDir || segments[0] === this.outputDir;
    if (isOutput) this.outputChanged = true;
    else if (!this.building) this.sourceChanged = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.settle(), SETTLE_MS);
  }

  /** One step at a time: a build, then a restart if the output changed. */
  private settle(): void {
    this.running = this.running.then(async () => {
      try {
        if (this.sourceChanged && this.o.hasBuild) {
          this.sourceChanged = false;
          this.building = true;
          const ok = await this.o.build().finally(() => (this.building = false));
          if (!ok) return;
        }
        if (this.outputChanged) {
          this.outputChanged = false;
          await this.o.restartHost();
        }
      } catch (err) {
        this.o.onError(err);
      }
    });
  }
}
