// `npm run emulator`: the compiled CLI as users run it (needs `npm run build`, which `npm test` does).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { WebPubSubServiceClient } from '@azure/web-pubsub';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = join(__dirname, '../../packages/emulator/dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, config: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
}

function run(args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out);
        if (m) resolve(m);
      };
      child.stdout.on('data', check);
      void exited.then(() => reject(new Error(`exited before printing ${pattern}: ${out}${err}`)));
      check();
    });
  return { child, exited, line, output: () => out + err };
}

describe('emulator CLI', () => {
  it('starts with a config file, prints a working connection string, and stops on SIGINT', async () => {
    // The example the README shows, as users would run it.
    const config = join(__dirname, '../../packages/emulator/examples/functions-host.json');
    const cli = run(['--port', '0', '--config', config, '--log-level', 'warn']);
    const [, connectionString, port] = await cli.line(
      /Connection string: (Endpoint=http:\/\/localhost:(\d+);AccessKey=[^;]+;Version=1\.0;)/,
    );
    expect(cli.output()).toContain('well-known LOCAL key');
    expect(cli.output()).toContain('Hubs with event handlers: chat');
    expect((await fetch(`http://127.0.0.1:${port}/api/health`, { method: 'HEAD' })).status).toBe(
      200,
    );
    const service = new WebPubSubServiceClient(connectionString!, 'chat', {
      allowInsecureConnection: true,
    });
    await service.sendToAll('hello'); // throws unless the emulator answered 202
    expect(await service.userExists('nobody')).toBe(false);
    const [, inspector] = await cli.line(/Inspector: (http:\/\/localhost:\d+\/inspector)/);
    expect((await fetch(inspector!)).status).toBe(200);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('uses the key it is given', async () => {
    const key = 'my-own-local-key-0123456789-0123456789';
    const cli = run([
      '--port',
      '0',
      '--key',
      key,
      '--log-level',
      'silent',
      '--inspector-port',
      'off',
    ]);
    const [, connectionString] = await cli.line(/Connection string: (\S+)/);
    expect(connectionString).toContain(`AccessKey=${key};`);
    expect(cli.output()).not.toContain('well-known');
    expect(cli.output()).not.toContain('Inspector:');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it.each([
    ['an unknown setting', { hubs: { chat: { eventHandler: [] } } }, 'hubs.chat'],
    [
      'a relative URL',
      { hubs: { chat: { eventHandlers: [{ urlTemplate: '/api/events' }] } } },
      'hubs.chat.eventHandlers.0.urlTemplate',
    ],
    [
      'an unknown system event',
      {
        hubs: {
          chat: { eventHandlers: [{ urlTemplate: 'http://x/y', systemEvents: ['joined'] }] },
        },
      },
      'systemEvents',
    ],
    ['invalid JSON', '{ "hubs": ', 'not valid JSON'],
  ])('refuses a config with %s and says where', async (_what, config, where) => {
    const cli = run(['--port', '0', '--config', writeConfig(`bad-${Math.random()}.json`, config)]);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain(where);
  });

  it('refuses to listen beyond loopback with the public well-known key', async () => {
    const cli = run(['--port', '0', '--host', '0.0.0.0']);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('well-known access key');
  });

  it('refuses a short key and unknown flags', async () => {
    const short = run(['--port', '0', '--key', 'short']);
    expect(await short.exited).toBe(1);
    expect(short.output()).toContain('at least 32 bytes');
    const unknown = run(['--prot', '8080']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.output()).toContain("Unknown option '--prot'");
  });
});
