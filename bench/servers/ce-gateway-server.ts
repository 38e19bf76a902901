// Server process, the upstream floor (PERF-BASELINES §2.4, `+CE`): a naive ws gateway that parses
// each `event` frame, POSTs its data with CloudEvents headers and an HMAC signature (undici
// keep-alive) to a node:http echo server, and wraps the reply in a json.webpubsub server message.
import { randomUUID } from 'node:crypto';

import { Pool } from 'undici';

import { ceHeaders } from '../lib/ce-headers';
import { serveWsFloor } from '../lib/ws-floor-server';

let pool: Pool | undefined;

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
          headers: ceHeaders(
            connectionId,
            `azure.webpubsub.user.${frame.event}`,
            frame.event,
            'text/plain; charset=utf-8',
          ),
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
