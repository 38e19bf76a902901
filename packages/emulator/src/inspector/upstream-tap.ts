// The inspector around one upstream call (retries included): an upstream fault in force answers
// or delays it, and the outcome goes to the live log (event, URL without secrets, status,
// latency, whether it was signed, the start of the reply), built only if the log keeps it.
import type { FaultRegistry } from '../faults/registry';
import type { ActiveFault } from '../faults/spec';
import { describeFault } from '../faults/spec';
import { callWithFault } from '../faults/upstream-fault';
import type { UpstreamIdentity } from '../upstream/cloud-events';
import type { UpstreamResponse } from '../upstream/http-client';
import type { LiveLog, LogInput } from './live-log';
import { redactUrl } from './redact';

export interface UpstreamCall {
  who: UpstreamIdentity;
  event: string;
  url: string;
  headers: Readonly<Record<string, string>>;
}

const REPLY_PREVIEW = 500;

export function inspectUpstream(
  log: LiveLog,
  faults: FaultRegistry,
  call: UpstreamCall,
  send: () => Promise<UpstreamResponse>,
): Promise<UpstreamResponse> {
  const subject = {
    hub: call.who.hubName,
    connectionId: call.who.id,
    userId: call.who.userId,
    event: call.event,
  };
  const fault = faults.upstream ? faults.take('upstream', subject) : undefined;
  const start = performance.now();
  return (fault ? callWithFault(fault.spec, send) : send()).then(
    (res) => {
      const durationMs = round(performance.now() - start);
      const ok = res.status >= 200 && res.status < 300;
      log.write('upstream', () => answered(call, fault, res, durationMs), !ok || !!fault);
      return res;
    },
    (err: unknown) => {
      const durationMs = round(performance.now() - start);
      log.write('upstream', () => failed(call, fault, err, durationMs), true);
      throw err;
    },
  );
}

function answered(
  call: UpstreamCall,
  fault: ActiveFault | undefined,
  res: UpstreamResponse,
  durationMs: number,
): LogInput {
  const ok = res.status >= 200 && res.status < 300;
  const reply = res.body.toString('utf8', 0, Math.min(res.body.length, REPLY_PREVIEW * 4));
  const url = redactUrl(call.url);
  return {
    ...base(call),
    outcome: fault ? 'fault' : ok ? 'ok' : 'error',
    status: res.status,
    durationMs,
    summary: `${call.event} → ${url} ${res.status}${fault ? ' (fault)' : ''}`,
    detail: {
      ...facts(call, url, fault),
      contentType: res.headers['content-type'],
      reply: reply.length > REPLY_PREVIEW ? reply.slice(0, REPLY_PREVIEW) + '…' : reply,
    },
  };
}

function failed(
  call: UpstreamCall,
  fault: ActiveFault | undefined,
  err: unknown,
  durationMs: number,
): LogInput {
  const message = err instanceof Error ? err.message : String(err);
  const url = redactUrl(call.url);
  return {
    ...base(call),
    outcome: fault ? 'fault' : 'error',
    durationMs,
    summary: `${call.event} → ${url} failed: ${redactUrl(message)}`,
    detail: facts(call, url, fault),
  };
}

function base(call: UpstreamCall) {
  return {
    kind: 'upstream' as const,
    hub: call.who.hubName,
    connectionId: call.who.id,
    userId: call.who.userId,
    event: call.event,
  };
}

function facts(call: UpstreamCall, url: string, fault: ActiveFault | undefined) {
  const signature = call.headers['ce-signature'];
  return {
    url,
    signature: signature ? `sent (${signature.split(',').length} × HMAC-SHA256)` : 'none',
    ...(fault ? { fault: describeFault(fault.spec) } : {}),
  };
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
