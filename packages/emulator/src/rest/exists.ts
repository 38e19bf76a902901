// HEAD checks: 200 when the connection, group or user has a live connection, else 404 with the
// service's `Warning.*.NotExisted` code (its headers only: HEAD has no body).
import { notExisted } from '../errors';
import type { RestContext } from './rest-context';

export function connectionExists(c: RestContext): void {
  const id = c.param('connectionId');
  if (!c.existingHub()?.connections.has(id)) throw notExisted('Warning', 'Connection', id);
  c.send(200);
}

export function groupExists(c: RestContext): void {
  const group = c.group();
  if (!c.existingHub()?.group(group)) throw notExisted('Warning', 'Group', group);
  c.send(200);
}

export function userExists(c: RestContext): void {
  const id = c.param('userId');
  if (!c.existingHub()?.user(id)) throw notExisted('Warning', 'User', id);
  c.send(200);
}

export function health(c: RestContext): void {
  c.send(200);
}
