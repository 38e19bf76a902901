// What a fault is, as the inspector API takes it (validated with zod): lasting faults on upstream
// calls, delivery and REST calls, and one-off actions on connections (drop, close).
import { z } from 'zod';

/** Which connections, users, hubs or events a fault applies to; every field given must match. */
const targetSchema = z
  .object({
    hub: z.string().min(1).optional(),
    connectionId: z.string().min(1).optional(),
    userId: z.string().optional(),
    /** An upstream event: `connect`, `connected`, `disconnected` or a user event's name. */
    event: z.string().min(1).optional(),
  })
  .strict();

/** How long a lasting fault applies: the next `count` matches, or `durationMs`, or until cleared. */
const lifetime = {
  target: targetSchema.default({}),
  count: z.number().int().min(1).optional(),
  durationMs: z.number().int().min(1).optional(),
};

const upstreamSchema = z
  .object({
    type: z.literal('upstream'),
    ...lifetime,
    /** Answer with this status (and `body`) instead of calling the handler. */
    status: z.number().int().min(100).max(599).optional(),
    body: z.string().optional(),
    /** Fail as a call that timed out (after `delayMs`). */
    timeout: z.boolean().optional(),
    /** Wait this long first; alone, the handler is then called and answers late. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict()
  .refine((f) => f.status !== undefined || f.timeout === true || f.delayMs !== undefined, {
    message: 'an upstream fault needs status, timeout or delayMs',
  });

const deliverySchema = z
  .object({
    type: z.literal('delivery'),
    ...lifetime,
    /** Hold every frame to the connection this long (a slow consumer)... */
    delayMs: z.number().int().min(1).max(600_000).optional(),
    /** ...or hold them all until the fault is cleared or expires. */
    pause: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.delayMs !== undefined || f.pause === true, {
    message: 'a delivery fault needs delayMs or pause',
  });

const throttleSchema = z
  .object({
    type: z.literal('throttleRest'),
    ...lifetime,
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  })
  .strict();

export const lastingFaultSchema = z.union([upstreamSchema, deliverySchema, throttleSchema]);

export const connectionFaultSchema = z.union([
  z.object({ type: z.literal('drop'), target: targetSchema }).strict(),
  z
    .object({
      type: z.literal('close'),
      target: targetSchema,
      code: z.number().int().min(1000).max(4999).default(1000),
      reason: z.string().max(120).default('Closed from the inspector.'),
    })
    .strict(),
]);

export type FaultTarget = z.infer<typeof targetSchema>;
export type LastingFaultSpec = z.infer<typeof lastingFaultSchema>;
export type ConnectionFaultSpec = z.infer<typeof connectionFaultSchema>;

export interface ActiveFault {
  id: string;
  spec: LastingFaultSpec;
  createdAt: number;
  expiresAt?: number;
  /** Matches left when the fault was given a count. */
  remaining?: number;
  hits: number;
}

/** What a fault is matched against; absent fields match any target value only when not asked. */
export interface FaultSubject {
  hub: string;
  connectionId?: string;
  userId?: string | null;
  event?: string;
}

export function matches(target: FaultTarget, s: FaultSubject): boolean {
  if (target.hub !== undefined && target.hub.toLowerCase() !== s.hub.toLowerCase()) return false;
  if (target.connectionId !== undefined && target.connectionId !== s.connectionId) return false;
  if (target.userId !== undefined && target.userId !== s.userId) return false;
  if (target.event !== undefined && target.event !== s.event) return false;
  return true;
}

/** One line for the log and the page: `upstream status 500 (event message, next 2 calls)`. */
export function describeFault(spec: LastingFaultSpec | ConnectionFaultSpec): string {
  const t = spec.target;
  const where =
    [
      t.hub && `hub ${t.hub}`,
      t.connectionId && `connection ${t.connectionId}`,
      t.userId !== undefined && `user ${t.userId}`,
      t.event && `event ${t.event}`,
    ]
      .filter(Boolean)
      .join(', ') || 'everything';
  let what: string;
  switch (spec.type) {
    case 'upstream':
      what =
        spec.status !== undefined
          ? `upstream answers ${spec.status}`
          : spec.timeout
            ? 'upstream times out'
            : `upstream answers after ${spec.delayMs} ms`;
      if (spec.delayMs && spec.status !== undefined) what += ` after ${spec.delayMs} ms`;
      break;
    case 'delivery':
      what = spec.pause ? 'delivery paused' : `delivery delayed ${spec.delayMs} ms`;
      break;
    case 'throttleRest':
      what = `REST throttled (429, Retry-After ${spec.retryAfterSeconds})`;
      break;
    case 'drop':
      what = 'connection dropped (no close frame)';
      break;
    case 'close':
      what = `connection closed ${spec.code} '${spec.reason}'`;
      break;
  }
  const lasting = spec.type === 'drop' || spec.type === 'close' ? undefined : spec;
  const span = lasting?.count
    ? `, next ${lasting.count}`
    : lasting?.durationMs
      ? `, for ${lasting.durationMs} ms`
      : '';
  return `${what} (${where}${span})`;
}
