// Server process, the upstream floor (PERF-BASELINES §2.4, `+CE`): a naive ws gateway that parses
// each `event` frame, POSTs its data with CloudEvents headers and an HMAC signature (undici
// keep-alive) to a node:http echo server, and wraps the reply in a json.webpubsub server message.
import { createHmac, randomUUID } from 'node:crypto';

import { Pool } from 'undici';

import { serveWsFloor } from '../lib/ws-floor-server';

const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFG=';
let pool: Pool | undefined;
let eventId = 0;

function ceHeaders(connectionId: string, event: string): Record<string, string> {
  return {
    'content-type': 'text/plain; charset=utf-8',
    'ce-specversion': '1.0',
    'ce-type': `azure.webpubsub.user.${event}`,
    'ce-source': `/hubs/bench/client/${connectionId}`,
    'ce-id': String(++eventId),
    'ce-time': new Date().toISOString(),
    'ce-awpsversion': '1.0',
    'ce-hub': 'bench',
    'ce-eventName': event,
    'ce-connectionId': connectionId,
    'ce-userId': 'user1',
    'ce-signature': `sha256=${createHmac('sha256', KEY).update(connectionId).digest('hex')}`,
    'webhook-request-origin': '127.0.0.1',
  };
}

serveWsFloor(
  (ws) => {
    const connectionId = randomUUID();
    ws.on('message', (data: Buffer) => {
      void (async () => {
        if (!pool) throw new Error('no upstream yet');
        const frame = JSON.parse(data.toString('utf8')) as { event: string; data: string };
        const res = await pool.request({
          path: '/runtime/webhooks/webpubsub',
          method: 'POST',
          headers: ceHeaders(connectionId, frame.event),
          body: frame.data,
        });
        const text = await res.body.text();
        ws.send(JSON.stringify({ type: 'message', from: 'server', dataType: 'text', data: text }));
      })().catch(() => ws.send('{"type":"error"}'));
    });
  },
  () => ({
    upstream: (arg) => {
      pool = new Pool((arg as { origin: string }).origin, {
        connections: 64,
        keepAliveTimeout: 60_000,
      });
    },
  }),
);
