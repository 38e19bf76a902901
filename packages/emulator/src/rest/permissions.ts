// Dynamic permissions of a connection: grant, revoke and check, each for one group (targetName).
import { isValidGroupName } from '@wps-local/wire';

import { badRequest, invalidName, notFound } from '../errors';
import type { RestContext } from './rest-context';

/** targetName is required (2024-12-01 spec), whether or not the connection exists. */
function target(c: RestContext): string {
  const name = c.query('targetName');
  if (name === undefined) {
    throw badRequest(`'targetName' (the group) is required for ${c.permission()}.`, 'targetName');
  }
  if (!isValidGroupName(name)) throw invalidName('group', name);
  return name;
}

function connection(c: RestContext) {
  return c.existingHub()?.connections.get(c.param('connectionId'));
}

export function grantPermission(c: RestContext): void {
  const permission = c.permission();
  const targetName = target(c);
  const conn = connection(c);
  if (!conn) throw notFound(`Connection '${c.param('connectionId')}' does not exist.`);
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
  c.send(conn?.permissions.check(permission, targetName) ? 200 : 404);
}
