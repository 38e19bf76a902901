// Port checks before anything starts (every port, with the flag that changes it), and a bounded
// wait for a port to accept connections.
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';

import { portsUnavailable, usageError } from './errors';

export interface PortClaim {
  port: number;
  /** What will listen there, for messages. */
  what: string;
  /** The option that moves it. */
  flag: string;
}

/** Throws a StackError naming a port asked for twice, or every port that we cannot listen on. */
export async function checkPorts(claims: readonly PortClaim[]): Promise<void> {
  const seen = new Map<number, PortClaim>();
  for (const claim of claims) {
    const other = seen.get(claim.port);
    if (other) {
      throw usageError(
        `Port ${claim.port} is asked for twice: ${other.what} (${other.flag}) and ${claim.what} (${claim.flag}).`,
      );
    }
    seen.set(claim.port, claim);
  }
  // Every port is checked before any is reported: one run names all that need moving.
  const problems = await Promise.all(claims.map((claim) => listenProblem(claim.port)));
  const busy = claims.flatMap((claim, i) => {
    const problem = problems[i];
    return problem ? [{ ...claim, problem }] : [];
  });
  if (busy.length) throw portsUnavailable(busy);
}

/**
 * Why we cannot listen on `port` on loopback, or undefined. IPv6 loopback is checked too: clients
 * may resolve `localhost` to ::1 and would then reach whoever holds the port there.
 */
export async function listenProblem(port: number): Promise<string | undefined> {
  for (const host of ['127.0.0.1', '::1']) {
    const code = await tryListen(port, host);
    if (code === 'EADDRINUSE') return 'is already in use';
    if (code === 'EACCES') return 'cannot be used (permission denied)';
    if (code && host === '127.0.0.1') return `cannot be used (${code})`;
    // ::1 may not exist on this machine (EADDRNOTAVAIL, EAFNOSUPPORT): nothing can hold it then.
  }
  return undefined;
}

async function tryListen(port: number, host: string): Promise<string | undefined> {
  const server = createServer();
  server.listen({ port, host, exclusive: true });
  try {
    await once(server, 'listening');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'error';
  }
  server.close();
  await once(server, 'close');
  return undefined;
}

/** Resolves once `port` on 127.0.0.1 accepts a TCP connection; polls until `signal` aborts. */
export async function waitForPort(port: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw signal.reason;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
