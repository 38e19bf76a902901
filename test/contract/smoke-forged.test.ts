// The smoke test's forged-principal step through `npm run smoke` itself, against real HTTP servers
// on loopback: one standing in for App Service Authentication (no session or token: 401, whatever
// principal headers the caller sends), one for an app nothing protects (it trusts the headers).
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../setup/host';

const CLI = path.join(REPO_ROOT, 'dist/infra/smoke/cli.js');
const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: IncomingMessage['headers'][] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    handler(req, res);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const smoke = (url: string) =>
  promisify(execFile)(process.execPath, [CLI, url, '--timeout', '10']).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );

describe('npm run smoke: forged principal headers', () => {
  it('passes the step where Easy Auth answers 401 to a caller without a session or token', async () => {
    const easyAuth = await serve((req, res) => {
      if (!req.headers.cookie && !req.headers.authorization)
        return json(res, 401, { error: { code: 'Unauthenticated', message: 'sign in' } });
      json(res, 500, { error: { code: 'Unexpected', message: 'no app here' } });
    });
    const run = await smoke(easyAuth.url);
    expect(run.stdout).toMatch(/ok {2}forged-principal \(\d+ ms\)/);
    // Without a sign-in, the next step fails as before, with the sign-in hint.
    expect(run).toMatchObject({ code: 1 });
    expect(run.stderr).toMatch(/smoke: FAILED — negotiate: 401 .*--cookie/);
    expect(easyAuth.seen[0]).toMatchObject({
      'x-ms-client-principal-idp': 'aad',
      'x-ms-client-principal-id': expect.stringMatching(/^smoke-forged-/),
    });
  });

  it('fails first, and names the forged user, where the app trusts the headers', async () => {
    const trusting = await serve((req, res) =>
      json(res, 200, {
        url: 'ws://127.0.0.1:1/client/hubs/chat?access_token=x',
        userId: req.headers['x-ms-client-principal-id'] ?? 'nobody',
      }),
    );
    const run = await smoke(trusting.url);
    expect(run).toMatchObject({ code: 1 });
    expect(run.stderr).toMatch(
      /smoke: FAILED — forged-principal: negotiate answered 200 as the forged user smoke-forged-[0-9a-f]{8} .*anyone can be anyone/,
    );
    expect(run.stdout).not.toMatch(/ok {2}negotiate/);
    expect(trusting.seen).toHaveLength(1);
  });
});
