// Group membership of connections and users, one at a time or selected by an OData filter.
import { isValidGroupName } from '@wps-local/wire';
import { z } from 'zod';

import { badRequest, EmulatorError, invalidGroupName, notExisted } from '../errors';
import { compileFilter } from '../filter';
import { select } from '../routing';
import type { RestContext } from './rest-context';

export function addConnectionToGroup(c: RestContext): void {
  const group = c.group();
  const conn = c.existingHub()?.connections.get(c.param('connectionId'));
  if (!conn) throw notExisted('Error', 'Connection', c.param('connectionId'));
  conn.hub.addToGroup(conn, group);
  c.send(200);
}

export function removeConnectionFromGroup(c: RestContext): void {
  const group = c.group();
  const conn = c.existingHub()?.connections.get(c.param('connectionId'));
  if (conn) conn.hub.removeFromGroup(conn, group);
  c.send(204);
}

export function removeConnectionFromAllGroups(c: RestContext): void {
  const conn = c.existingHub()?.connections.get(c.param('connectionId'));
  if (conn) conn.hub.removeFromAllGroups(conn);
  c.send(204);
}

export function addUserToGroup(c: RestContext): void {
  const group = c.group();
  const userId = c.param('userId');
  const conns = c.existingHub()?.user(userId);
  if (!conns) throw notExisted('Warning', 'User', userId);
  for (const conn of conns) conn.hub.addToGroup(conn, group);
  c.send(200);
}

export function removeUserFromGroup(c: RestContext): void {
  const group = c.group();
  for (const conn of c.existingHub()?.user(c.param('userId')) ?? [])
    conn.hub.removeFromGroup(conn, group);
  c.send(204);
}

export function removeUserFromAllGroups(c: RestContext): void {
  for (const conn of c.existingHub()?.user(c.param('userId')) ?? [])
    conn.hub.removeFromAllGroups(conn);
  c.send(204);
}

const groupsFilterBody = z.object({
  groups: z.array(z.string()).optional(),
  filter: z.string().optional(),
});

async function readGroupsFilter(c: RestContext) {
  const text = (await c.body()).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('The body must be JSON: {"groups": [...], "filter": "..."}.', 'body');
  }
  const parsed = groupsFilterBody.safeParse(json);
  if (!parsed.success)
    throw badRequest(
      `Invalid body: ${String(parsed.error.issues[0]?.message ?? 'groups is required')}.`,
      'body',
    );
  const { groups } = parsed.data;
  // No groups at all, or a bad name among them: the service's model validation of `Groups`
  // (recorded: Azure/azure-sdk-assets java/sdk/webpubsub/azure-messaging-webpubsub/src/test/
  // resources/session-records/WebPubSubServiceClientTests.testAddConnectionsToGroupsThrowErrorWhenGroupsIsNull.json).
  if (!groups?.length || groups.some((g) => !isValidGroupName(g))) throw invalidGroupName('Groups');
  const filter = parsed.data.filter ? bodyFilter(parsed.data.filter) : undefined;
  return { groups, filter };
}

/** A filter in the JSON body is the model's `Filter` property: the service's target says so. */
function bodyFilter(text: string) {
  try {
    return compileFilter(text);
  } catch (err) {
    throw err instanceof EmulatorError ? err.withTarget('Filter') : err;
  }
}

export async function addConnectionsToGroups(c: RestContext): Promise<void> {
  const { groups, filter } = await readGroupsFilter(c);
  const hub = c.existingHub();
  for (const conn of select(hub?.connections.values(), { filter })) {
    for (const g of groups) conn.hub.addToGroup(conn, g);
  }
  c.send(200);
}

export async function removeConnectionsFromGroups(c: RestContext): Promise<void> {
  const { groups, filter } = await readGroupsFilter(c);
  const hub = c.existingHub();
  for (const conn of select(hub?.connections.values(), { filter })) {
    for (const g of groups) conn.hub.removeFromGroup(conn, g);
  }
  c.send(200);
}
