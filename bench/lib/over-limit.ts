// Over-limit probes: a WebSocket frame one byte past the limit must close the connection with
// 1009; a REST body one byte past it must get 413 (with Content-Length, and chunked).
import { Readable } from 'node:stream';

import { request } from 'undici';

import { openClient } from './ws-clients';

/** Close codes seen after sending `frame` on fresh connections to `url`. */
export async function probeWsOverLimit(
  url: string,
  protocol: string,
  frame: Buffer,
  attempts: number,
): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < attempts; i++) {
    const { ws } = await openClient(url, { protocol, awaitConnected: true });
    const code = await new Promise<number>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve(-1);
      }, 5000);
      ws.once('close', (c: number) => {
        clearTimeout(timer);
        resolve(c);
      });
      ws.send(frame, { binary: false });
    });
    codes.push(code);
  }
  return codes;
}

/** HTTP statuses (or error names) for over-limit POSTs, half of them chunked. */
export async function probeRestOverLimit(
  url: string,
  token: string,
  body: Buffer,
  attempts: number,
): Promise<(number | string)[]> {
  const out: (number | string)[] = [];
  for (let i = 0; i < attempts; i++) {
    const chunked = i % 2 === 1;
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: chunked ? Readable.from([body.subarray(0, 65536), body.subarray(65536)]) : body,
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      await res.body.arrayBuffer();
      out.push(res.statusCode);
    } catch (err) {
      out.push(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
  }
  return out;
}
