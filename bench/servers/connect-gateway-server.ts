// Server process, P7's naive-upstream floor: a raw ws server that does what the protocol asks of
// any service on connect and nothing else — a blocking CloudEvents `connect` POST (undici
// keep-alive) whose JSON answer it reads before completing the upgrade, then a `connected` system
// message to the client and a fire-and-forget `connected` POST. The upstream is a node:http echo.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { Pool } from 'undici';

import { ceHeaders } from '../lib/ce-headers';
import { serveWsFloor } from '../lib/ws-floor-server';

const PATH = '/runtime/webhooks/webpubsub';
const JSON_TYPE = 'application/json; charset=utf-8';
let pool: Pool | undefined;
const ids = new WeakMap<IncomingMessage, string>();

function post(connectionId: string, event: 'connect' | 'connected', body: string) {
  if (!pool) throw new Error('no upstream yet');
  return pool.request({
    path: PATH,
    method: 'POST',
    headers: ceHeaders(connectionId, `azure.webpubsub.sys.${event}`, event, JSON_TYPE),
    body,
  });
}

serveWsFloor(
  (ws, req) => {
    const connectionId = ids.get(req) ?? randomUUID();
    ws.send(
      `{"type":"system","event":"connected","userId":"user1","connectionId":"${connectionId}"}`,
    );
    post(connectionId, 'connected', '{}').then(
      (res) => res.body.dump(),
      () => undefined,
    );
  },
  () => ({
    upstream: (arg) => {
      pool = new Pool((arg as { origin: string }).origin, {
        connections: 64,
        keepAliveTimeout: 60_000,
      });
    },
  }),
  (info, done) => {
    const connectionId = randomUUID();
    ids.set(info.req, connectionId);
    const body = JSON.stringify({
      claims: { sub: ['user1'] },
      query: Object.fromEntries(new URL(info.req.url ?? '/', 'http://x').searchParams),
      headers: info.req.headers,
      subprotocols: [],
      clientCertificates: [],
    });
    post(connectionId, 'connect', body)
      .then((res) => res.body.json())
      .then(
        () => done(true),
        () => done(false, 500),
      );
  },
);
