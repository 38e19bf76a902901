// What a person (or a test) can do from the inspector: send to all / a group / a user / a
// connection, add or remove a connection to or from a group, close a connection, mint a client
// access URL. Each goes through the same state and fan-out as the REST API, and is logged.
import { isValidGroupName } from '@wps-local/wire';
import { z } from 'zod';

import { signClientToken } from '../auth/tokens';
import type { EmulatorContext } from '../context';
import { badRequest, notFound } from '../errors';
import type { ClientConnection } from '../state/connection';
import { PreparedMessage } from '../ws/outbound';
import type { InspectorTap } from './tap';

export const sendSchema = z
  .object({
    hub: z.string().min(1),
    to: z.enum(['all', 'group', 'user', 'connection']),
    /** The group, user id or connection id (not for `all`). */
    name: z.string().optional(),
    data: z.string(),
    dataType: z.enum(['text', 'json']).default('text'),
  })
  .strict();

export const groupSchema = z
  .object({
    hub: z.string().min(1),
    connectionId: z.string().min(1),
    group: z.string().min(1),
    op: z.enum(['add', 'remove']),
  })
  .strict();

export const closeSchema = z
  .object({
    hub: z.string().min(1),
    connectionId: z.string().min(1),
    reason: z.string().max(120).default('Closed from the inspector.'),
  })
  .strict();

export const clientUrlSchema = z
  .object({
    hub: z.string().min(1),
    userId: z.string().optional(),
    roles: z.array(z.string()).default([]),
    groups: z.array(z.string()).default([]),
    minutesToExpire: z.number().int().min(1).max(1440).default(60),
  })
  .strict();

export function send(ctx: EmulatorContext, tap: InspectorTap, o: z.infer<typeof sendSchema>): void {
  if (o.dataType === 'json') {
    try {
      JSON.parse(o.data);
    } catch {
      throw badRequest('data is not valid JSON (dataType json).', 'data');
    }
  }
  if (o.to !== 'all' && !o.name) throw badRequest(`name is required to send to a ${o.to}.`, 'name');
  const hub = ctx.hubs.peek(o.hub);
  const name = o.name ?? '';
  const data = { dataType: o.dataType, bytes: Buffer.from(o.data) } as const;
  if (o.to === 'group' && !isValidGroupName(name)) throw badRequest('Invalid group name.', 'name');
  const msg = new PreparedMessage(
    data,
    o.to === 'group' ? { from: 'group', group: name } : { from: 'server' },
  );
  const conn = hub?.connections.get(name);
  const targets: Iterable<ClientConnection> | undefined =
    o.to === 'all'
      ? hub?.connections.values()
      : o.to === 'group'
        ? hub?.group(name)
        : o.to === 'user'
          ? hub?.user(name)
          : conn
            ? [conn]
            : undefined;
  tap.note({
    kind: 'action',
    outcome: 'ok',
    hub: o.hub,
    ...(o.to === 'group' ? { group: name } : {}),
    ...(o.to === 'user' ? { userId: name } : {}),
    ...(o.to === 'connection' ? { connectionId: name } : {}),
    summary: `send to ${o.to}${o.to === 'all' ? '' : ` ${name}`}: ${o.data.slice(0, 80)}`,
  });
  ctx.fanout.deliver(targets, msg, {
    to: { hub: o.hub, to: o.to, ...(o.to === 'all' ? {} : { name }) },
  });
}

export function changeGroup(
  ctx: EmulatorContext,
  tap: InspectorTap,
  o: z.infer<typeof groupSchema>,
): void {
  if (!isValidGroupName(o.group)) throw badRequest('Invalid group name.', 'group');
  const conn = liveConnection(ctx, o.hub, o.connectionId);
  if (o.op === 'add') conn.hub.addToGroup(conn, o.group);
  else conn.hub.removeFromGroup(conn, o.group);
  tap.note({
    kind: 'action',
    outcome: 'ok',
    hub: conn.hub.name,
    connectionId: conn.id,
    userId: conn.userId,
    group: o.group,
    summary: `${o.op === 'add' ? 'added to' : 'removed from'} group ${o.group}`,
  });
}

export function close(
  ctx: EmulatorContext,
  tap: InspectorTap,
  o: z.infer<typeof closeSchema>,
): void {
  const conn = liveConnection(ctx, o.hub, o.connectionId);
  tap.note({
    kind: 'action',
    outcome: 'ok',
    hub: conn.hub.name,
    connectionId: conn.id,
    userId: conn.userId,
    summary: `close: ${o.reason}`,
  });
  ctx.lifecycle.closeByService(conn, o.reason);
}

export function clientUrl(ctx: EmulatorContext, o: z.infer<typeof clientUrlSchema>): string {
  const bad = o.groups.find((g): boolean => !isValidGroupName(g));
  if (bad !== undefined) throw badRequest(`Invalid group name '${bad}'.`, 'groups');
  const token = signClientToken(ctx.accessKey, {
    endpoint: ctx.endpoint,
    hub: o.hub,
    roles: o.roles,
    groups: o.groups,
    minutesToExpire: o.minutesToExpire,
    ...(o.userId !== undefined && o.userId !== '' ? { userId: o.userId } : {}),
  });
  const base = ctx.endpoint.replace(/^http/, 'ws');
  return `${base}/client/hubs/${encodeURIComponent(o.hub)}?access_token=${token}`;
}

function liveConnection(ctx: EmulatorContext, hub: string, id: string): ClientConnection {
  const conn = ctx.hubs.peek(hub)?.connections.get(id);
  if (!conn || conn.ended) {
    throw notFound(`No connection '${id}' in hub '${hub}'.`);
  }
  return conn;
}
