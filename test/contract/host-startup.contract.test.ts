// Start-up of the offline host: what it refuses, and how it says so.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { REPO_ROOT, startHostProcess } from '../setup/host';

function tempApp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'host-app-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('host start-up', () => {
  it('refuses a trigger type it does not support, naming the function and the type', async () => {
    const result = await startHostProcess({
      app: path.join(REPO_ROOT, 'test/fixtures/unsupported-app'),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(
        "Function 'onDocument' uses the trigger binding type 'cosmosDBTrigger'",
      );
    }
  });

  it('refuses two functions with the same name, with the worker’s message', async () => {
    const result = await startHostProcess({
      app: path.join(REPO_ROOT, 'test/fixtures/duplicate-name-app'),
      settings: {
        WebPubSubConnectionString:
          'Endpoint=http://127.0.0.1:9;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFG=;Version=1.0;',
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('A function with id "echo" has already been registered.');
      expect(result.message).toMatch(/functions[/\\]echo\.js/);
    }
  });

  it('says which file failed to load', async () => {
    const app = tempApp({
      'package.json': JSON.stringify({ main: 'src/*.js' }),
      'host.json': JSON.stringify({ version: '2.0' }),
      'src/broken.js': 'throw new Error("syntax of the app is fine, its start is not");',
    });
    const result = await startHostProcess({ app });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toMatch(
        /unable to load entry point "src[/\\]broken.js": syntax of the app/,
      );
  });

  it('refuses a host.json that is not version 2.0', async () => {
    const app = tempApp({
      'package.json': JSON.stringify({ main: 'src/*.js' }),
      'host.json': JSON.stringify({ version: '1.0' }),
    });
    const result = await startHostProcess({ app });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('host.json must have "version": "2.0"');
  });

  it('refuses a folder without package.json main', async () => {
    const app = tempApp({ 'package.json': '{}', 'host.json': JSON.stringify({ version: '2.0' }) });
    const result = await startHostProcess({ app });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('has no "main"');
  });

  // azure-functions-nodejs-worker src/startApp.ts: on Node 20+ an entry point error always blocks
  // the app ("Worker was unable to load entry point ..."), with "Found zero files matching the
  // supplied pattern" for a glob and "File does not exist" for a plain path.
  it('refuses to start when main matches no file (an app not built yet), as the worker does', async () => {
    const glob = tempApp({
      'package.json': JSON.stringify({ main: 'dist/*.js' }),
      'host.json': JSON.stringify({ version: '2.0' }),
    });
    const byGlob = await startHostProcess({ app: glob });
    expect(byGlob.ok).toBe(false);
    if (!byGlob.ok)
      expect(byGlob.message).toContain(
        'Worker was unable to load entry point "dist/*.js": Found zero files matching the supplied pattern',
      );
    const file = tempApp({
      'package.json': JSON.stringify({ main: 'dist/index.js' }),
      'host.json': JSON.stringify({ version: '2.0' }),
    });
    const byPath = await startHostProcess({ app: file });
    expect(byPath.ok).toBe(false);
    if (!byPath.ok)
      expect(byPath.message).toContain(
        'Worker was unable to load entry point "dist/index.js": File does not exist',
      );
  });
});
