// HEAD checks: 200 when the connection, group or user has a live connection, else 404.
import type { RestContext } from './rest-context';

export function connectionExists(c: RestContext): void {
  c.send(c.existingHub()?.connections.has(c.param('connectionId')) ? 200 : 404);
}

export function groupExists(c: RestContext): void {
  c.send(c.existingHub()?.group(c.group()) ? 200 : 404);
}

export function userExists(c: RestContext): void {
  c.send(c.existingHub()?.user(c.param('userId')) ? 200 : 404);
}

export function health(c: RestContext): void {
  c.send(200);
}
