// An upstream call under a fault: answered by the fault (a status, a timeout) instead of the
// handler, or passed to the handler late. A fault stands for the whole call, retries included.
import type { UpstreamResponse } from '../upstream/http-client';
import { UpstreamError } from '../upstream/http-client';
import type { LastingFaultSpec } from './spec';

type UpstreamFault = Extract<LastingFaultSpec, { type: 'upstream' }>;

export async function callWithFault(
  fault: UpstreamFault,
  send: () => Promise<UpstreamResponse>,
): Promise<UpstreamResponse> {
  if (fault.delayMs) await delay(fault.delayMs);
  if (fault.timeout) throw new UpstreamError('the event handler timed out (injected fault)');
  if (fault.status === undefined) return send();
  return {
    status: fault.status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(fault.body ?? ''),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
