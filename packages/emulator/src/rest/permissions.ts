// Dynamic permissions of a connection: grant, revoke and check, each for one group (targetName).
import { isValidGroupName } from '@wps-local/wire';

import { invalidGroupName, notExisted } from '../errors';
import type { RestContext } from './rest-context';

/**
 * targetName is required (2024-12-01 spec), whether or not the connection exists; without it the
 * service answers as for an invalid group name (recorded: a revokePermission without targetName).
 */
function target(c: RestContext): string {
  const name = c.query('targetName');
  if (name === undefined || !isValidGroupName(name)) throw invalidGroupName();
  return name;
}

function connection(c: RestContext) {
  return c.existingHub()?.connections.get(c.param('connectionId'));
}

export function grantPermission(c: RestContext): void {
  const permission = c.permission();
  const targetName = target(c);
  const conn = connection(c);
  if (!conn) throw notExisted('Info', 'Connection', c.param('connectionId'));
  conn.permissions.grant(permission, targetName);
  c.send(200);
}

export function revokePermission(c: RestContext): void {
  const permission = c.permission();
  const targetName = target(c);
  connection(c)?.permissions.revoke(permission, targetName);
  c.send(204);
}

export function checkPermission(c: RestContext): void {
  const permission = c.permission();
  const targetName = target(c);
  const conn = connection(c);
  if (!conn) throw notExisted('Info', 'Connection', c.param('connectionId'));
  c.send(conn.permissions.check(permission, targetName) ? 200 : 404);
}
