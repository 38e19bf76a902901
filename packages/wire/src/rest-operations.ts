// The Web PubSub REST data plane as data: every operation by its id in the service's REST spec,
// with its method, path, query parameters and body. The emulator's router and the offline host's
// REST client both read this one table, so a path or a method is written once.
import { API_VERSION } from './rest';

export type RestMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface RestOperation {
  method: RestMethod;
  /** Segments; `{name}` is one URI-encoded parameter. */
  path: string;
  /** Query parameters the operation reads, besides `api-version`. */
  query: readonly string[];
  /** `message`: a payload in one of `MESSAGE_CONTENT_TYPES`; `json`: a JSON document. */
  body?: 'message' | 'json';
  /** Needs no token (health only, as in the service). */
  anonymous?: true;
}

const HUB = '/api/hubs/{hub}';
const SEND = ['excluded', 'filter', 'messageTtlSeconds'] as const;
const CLOSE = ['excluded', 'reason'] as const;

export const REST_OPERATIONS = {
  HealthApi_GetServiceStatus: { method: 'HEAD', path: '/api/health', query: [], anonymous: true },
  SendToAll: { method: 'POST', path: `${HUB}/:send`, query: SEND, body: 'message' },
  CloseAllConnections: { method: 'POST', path: `${HUB}/:closeConnections`, query: CLOSE },
  AddConnectionsToGroups: { method: 'POST', path: `${HUB}/:addToGroups`, query: [], body: 'json' },
  RemoveConnectionsFromGroups: {
    method: 'POST',
    path: `${HUB}/:removeFromGroups`,
    query: [],
    body: 'json',
  },
  GenerateClientToken: {
    method: 'POST',
    path: `${HUB}/:generateToken`,
    query: ['userId', 'role', 'minutesToExpire', 'group', 'clientType'],
  },
  ConnectionExists: { method: 'HEAD', path: `${HUB}/connections/{connectionId}`, query: [] },
  CloseConnection: {
    method: 'DELETE',
    path: `${HUB}/connections/{connectionId}`,
    query: ['reason'],
  },
  SendToConnection: {
    method: 'POST',
    path: `${HUB}/connections/{connectionId}/:send`,
    query: ['messageTtlSeconds'],
    body: 'message',
  },
  RemoveConnectionFromAllGroups: {
    method: 'DELETE',
    path: `${HUB}/connections/{connectionId}/groups`,
    query: [],
  },
  GroupExists: { method: 'HEAD', path: `${HUB}/groups/{group}`, query: [] },
  SendToGroup: {
    method: 'POST',
    path: `${HUB}/groups/{group}/:send`,
    query: SEND,
    body: 'message',
  },
  CloseGroupConnections: {
    method: 'POST',
    path: `${HUB}/groups/{group}/:closeConnections`,
    query: CLOSE,
  },
  ListConnectionsInGroup: {
    method: 'GET',
    path: `${HUB}/groups/{group}/connections`,
    query: ['maxpagesize', 'top', 'continuationToken'],
  },
  AddConnectionToGroup: {
    method: 'PUT',
    path: `${HUB}/groups/{group}/connections/{connectionId}`,
    query: [],
  },
  RemoveConnectionFromGroup: {
    method: 'DELETE',
    path: `${HUB}/groups/{group}/connections/{connectionId}`,
    query: [],
  },
  UserExists: { method: 'HEAD', path: `${HUB}/users/{userId}`, query: [] },
  SendToUser: {
    method: 'POST',
    path: `${HUB}/users/{userId}/:send`,
    query: ['filter', 'messageTtlSeconds'],
    body: 'message',
  },
  CloseUserConnections: {
    method: 'POST',
    path: `${HUB}/users/{userId}/:closeConnections`,
    query: CLOSE,
  },
  RemoveUserFromAllGroups: { method: 'DELETE', path: `${HUB}/users/{userId}/groups`, query: [] },
  AddUserToGroup: { method: 'PUT', path: `${HUB}/users/{userId}/groups/{group}`, query: [] },
  RemoveUserFromGroup: {
    method: 'DELETE',
    path: `${HUB}/users/{userId}/groups/{group}`,
    query: [],
  },
  GrantPermission: {
    method: 'PUT',
    path: `${HUB}/permissions/{permission}/connections/{connectionId}`,
    query: ['targetName'],
  },
  RevokePermission: {
    method: 'DELETE',
    path: `${HUB}/permissions/{permission}/connections/{connectionId}`,
    query: ['targetName'],
  },
  CheckPermission: {
    method: 'HEAD',
    path: `${HUB}/permissions/{permission}/connections/{connectionId}`,
    query: ['targetName'],
  },
} as const satisfies Record<string, RestOperation>;

export type RestOperationId = keyof typeof REST_OPERATIONS;

/** The `{name}` parameters of an operation's path, as a type. */
type PathParams<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? N | PathParams<Rest>
  : never;
export type OperationParams<Id extends RestOperationId> = Record<
  PathParams<(typeof REST_OPERATIONS)[Id]['path']>,
  string
>;

/**
 * A name as one path segment. `.` and `..` are refused: encoded they stay as they are, and a path
 * normalises them away (`/users/../:send` is `/:send`, a send to everyone). Empty ones too: the
 * service's names have at least one character.
 */
function segment(what: string, name: string): string {
  if (name === '' || name === '.' || name === '..') {
    throw new Error(`${what} ${JSON.stringify(name)} cannot be addressed in a REST path.`);
  }
  return encodeURIComponent(name);
}

/** Path and query of one call: parameters URI-encoded into the path, then the query (values
 * left undefined are left out) and `api-version`. Throws for a name that cannot be one segment. */
export function operationPath<Id extends RestOperationId>(
  id: Id,
  params: OperationParams<Id>,
  query: readonly (readonly [name: string, value: string | undefined])[] = [],
): string {
  const values = params as Record<string, string>;
  const path = REST_OPERATIONS[id].path.replace(/\{(\w+)\}/g, (_, name: string) =>
    segment(name, values[name] ?? ''),
  );
  const search = new URLSearchParams();
  for (const [name, value] of query) if (value !== undefined) search.append(name, value);
  search.append('api-version', API_VERSION);
  return `${path}?${search.toString()}`;
}
