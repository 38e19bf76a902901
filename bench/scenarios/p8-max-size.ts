// P8: 1 MiB messages — REST send of 1 MiB to one connection (to receipt), a client sendToGroup
// self round trip of a frame just at the 1 MiB limit, and over-limit rejection (1009 / 413).
// Floors: ws echo of 1 MiB, undici POST of 1 MiB to a node:http echo server.
import { Pool } from 'undici';
import type WebSocket from 'ws';

import { closedLoop } from '../lib/closed-loop';
import type { BenchContext } from '../lib/context';
import { echoFloor } from '../lib/floors';
import { probeRestOverLimit, probeWsOverLimit } from '../lib/over-limit';
import { dataOffset, writeHeader } from '../lib/payload';
import { measureRoundTrips } from '../lib/round-trip-run';
import type { Check, Row } from '../lib/rows';
import { cpuOf, row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { nowUs, Samples } from '../lib/stats';
import type { ClientClaims } from '../lib/tokens';
import {
  clientUrl,
  JSON_SUBPROTOCOL,
  origin,
  restPath,
  restToken,
  SEND_TO_GROUP_ROLE,
} from '../lib/tokens';
import { closeClients, openClient } from '../lib/ws-clients';

const MIB = 1024 * 1024;
const TIMING = { warmMs: 500, measureMs: 3000 };
const ATTEMPTS = 6;
const GROUP = 'big';

/** A sendToGroup frame of exactly `bytes` bytes (text data of 'x', header at `dataAt`). */
function groupFrame(bytes: number): { frame: Buffer; dataAt: number } {
  const head = `{"type":"sendToGroup","group":"${GROUP}","dataType":"text","data":"`;
  const frame = Buffer.alloc(bytes, 'x');
  frame.write(head, 0, 'latin1');
  frame.write('"}', bytes - 2, 'latin1');
  return { frame, dataAt: head.length };
}

/** Sequential POSTs of `size` bytes; with `receipt`, an op also waits for the ws delivery. */
async function postLoop(
  url: string,
  path: string,
  headers: Record<string, string>,
  size: number,
  expectStatus: number,
  receipt?: () => Promise<void>,
) {
  const pool = new Pool(url, { connections: 1, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const body = Buffer.alloc(size, 'x');
  const response = new Samples(1 << 16);
  let seq = 0;
  try {
    const r = await closedLoop({
      concurrency: 1,
      warm: { ms: TIMING.warmMs },
      measure: { ms: TIMING.measureMs },
      op: async () => {
        writeHeader(body, 0, seq++, nowUs());
        const received = receipt?.();
        const t0 = nowUs();
        const res = await pool.request({ path, method: 'POST', headers, body });
        await res.body.arrayBuffer();
        response.push(nowUs() - t0);
        if (res.statusCode !== expectStatus) throw new Error(`status ${res.statusCode}`);
        await received;
      },
      beforeMeasure: () => Promise.resolve(response.reset()),
    });
    return { ...r, response: response.summary() };
  } finally {
    await pool.close();
  }
}

/** Resolves on the next data frame of `ws` (any frame when `raw`), or rejects after 10 s. */
function receiptOf(ws: WebSocket, raw = false): () => Promise<void> {
  let pending: (() => void) | undefined;
  ws.on('message', (data: Buffer) => {
    if (!pending || (!raw && dataOffset(data) < 0)) return;
    const p = pending;
    pending = undefined;
    p();
  });
  return () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no delivery in 10 s')), 10_000);
      pending = () => {
        clearTimeout(timer);
        resolve();
      };
    });
}

async function emulatorBig(ctx: BenchContext) {
  const server = await ctx.start('servers', 'emulator-server');
  const key = server.info.accessKey as string;
  const claims: ClientClaims = { groups: [GROUP], roles: [SEND_TO_GROUP_ROLE] };
  const url = clientUrl(server.port, key, claims);
  const client = await openClient(url, { protocol: JSON_SUBPROTOCOL, awaitConnected: true });
  try {
    const path = restPath(`connections/${client.connectionId}/:send`);
    const token = restToken(server.port, key, path);
    const headers = { 'content-type': 'text/plain', authorization: `Bearer ${token}` };
    const rest = await postLoop(origin(server.port), path, headers, MIB, 202, receiptOf(client.ws));
    const { frame, dataAt } = groupFrame(MIB);
    const ws = await measureRoundTrips({
      server,
      sockets: [client.ws],
      ...TIMING,
      frame: (_w, seq) => {
        writeHeader(frame, dataAt, seq, 0);
        return frame;
      },
      accepts: (f) => dataOffset(f) >= 0,
      timeoutMs: 10_000,
    });
    const wsCodes = await probeWsOverLimit(
      url,
      JSON_SUBPROTOCOL,
      groupFrame(MIB + 1).frame,
      ATTEMPTS,
    );
    const restStatuses = await probeRestOverLimit(
      `${origin(server.port)}${path}`,
      token,
      Buffer.alloc(MIB + 1, 'x'),
      ATTEMPTS,
    );
    return { rest, ws, wsCodes, restStatuses };
  } finally {
    await ctx.stop(server);
    closeClients([client]);
  }
}

/** Floor of REST → delivery: node:http answers 202 and ws.send()s the body to a client. */
async function relayFloor(ctx: BenchContext) {
  const server = await ctx.start('servers', 'http-to-ws-server');
  const client = await openClient(`ws://127.0.0.1:${server.port}/`);
  try {
    const headers = { 'content-type': 'text/plain' };
    return await postLoop(origin(server.port), '/', headers, MIB, 202, receiptOf(client.ws, true));
  } finally {
    await ctx.stop(server);
    closeClients([client]);
  }
}

async function postFloor(ctx: BenchContext) {
  return ctx.floor('post:1MiB:runner', async () => {
    const server = await ctx.start('servers', 'http-echo-server');
    try {
      const headers = { 'content-type': 'application/json' };
      return await postLoop(origin(server.port), '/api/events', headers, MIB, 200);
    } finally {
      await ctx.stop(server);
    }
  });
}

export const p8: Scenario = {
  id: 'P8',
  title:
    '1 MiB messages (REST to a connection, client sendToGroup round trip) and over-limit rejection',
  budgetMs: 90_000,
  async run(ctx): Promise<ScenarioOutput> {
    const floors = {
      echo: await echoFloor(ctx, 1, MIB, TIMING),
      post: await postFloor(ctx),
      relay: await relayFloor(ctx),
    };
    const emu = await emulatorBig(ctx);
    const pct = (xs: unknown[], ok: unknown) =>
      (100 * xs.filter((x) => x === ok).length) / xs.length;
    const errs = (n: number) => (n ? { flags: [`${n} errors`] } : {});
    const rest = 'P8 REST 1 MiB → connection';
    const within: Check = { kind: 'ratio<=', value: 2 };
    const all: Check = { kind: '>=', value: 100 };
    const { response, latency } = emu.rest;
    const rows: Row[] = [
      {
        ...row(rest, 'p50 to 202', 'µs', response.p50, floors.post.response.p50, within),
        ...errs(emu.rest.errors),
      },
      row(rest, 'p50 to receipt', 'µs', latency.p50, floors.relay.latency.p50, within),
      {
        ...row(
          'P8 ws 1 MiB sendToGroup RT',
          'p50',
          'µs',
          emu.ws.latency.p50,
          floors.echo.latency.p50,
          within,
        ),
        ...errs(emu.ws.errors),
        cpu: cpuOf(emu.ws, floors.echo),
      },
      row('P8 ws frame > 1 MiB', 'closed with 1009', '%', pct(emu.wsCodes, 1009), undefined, all),
      row('P8 REST body > 1 MiB', 'answered 413', '%', pct(emu.restStatuses, 413), undefined, all),
    ];
    return {
      rows,
      raw: { emulator: emu, floors },
      notes: [
        `REST floors: "to 202" = undici POST of 1 MiB to a node:http echo; "to receipt" = node:http that answers 202 then ws.send()s the body (raw http→ws). Over-limit: ${ATTEMPTS} tries each (REST: half chunked); seen ws ${emu.wsCodes.join(',')}; REST ${emu.restStatuses.join(',')}.`,
      ],
    };
  },
};
