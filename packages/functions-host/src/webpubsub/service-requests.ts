// Each output action as the REST call the extension makes for it (fact sheet D.5): method, path
// with its query, and for sends the body with the content type its dataType asks for.
import type { WebPubSubAction } from './actions';

/** The data-plane version the service SDKs of the extension's generation speak. */
export const SERVICE_API_VERSION = '2024-12-01';

export interface ServiceRequest {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Path and query, e.g. `/api/hubs/chat/:send?api-version=2024-12-01`. */
  path: string;
  body?: Buffer;
  contentType?: string;
}

const CONTENT_TYPES = {
  text: 'text/plain',
  json: 'application/json',
  binary: 'application/octet-stream',
} as const;

type Query = [name: string, value: string | undefined][];

/** Throws when a name cannot be one path segment (`.`, `..`, empty): see `segment`. */
export function actionRequest(hub: string, a: WebPubSubAction): ServiceRequest {
  const hubPath = `/api/hubs/${segment('hub', hub)}`;
  const group = () => `${hubPath}/groups/${segment('group', a.group)}`;
  const connection = () => `/connections/${segment('connectionId', a.connectionId)}`;
  const user = () => `${hubPath}/users/${segment('userId', a.userId)}`;
  const excluded = (): Query => a.excluded.map((id) => ['excluded', id]);
  const reason: Query = [['reason', a.reason]];
  switch (a.actionName) {
    case 'sendToAll':
      return send(`${hubPath}/:send`, a, excluded());
    case 'sendToConnection':
      return send(`${hubPath}${connection()}/:send`, a, []);
    case 'sendToUser':
      return send(`${user()}/:send`, a, []);
    case 'sendToGroup':
      return send(`${group()}/:send`, a, excluded());
    case 'addConnectionToGroup':
      return call('PUT', `${group()}${connection()}`);
    case 'removeConnectionFromGroup':
      return call('DELETE', `${group()}${connection()}`);
    case 'addUserToGroup':
      return call('PUT', `${user()}/groups/${segment('group', a.group)}`);
    case 'removeUserFromGroup':
      return call('DELETE', `${user()}/groups/${segment('group', a.group)}`);
    case 'removeUserFromAllGroups':
      return call('DELETE', `${user()}/groups`);
    case 'closeAllConnections':
      return call('POST', `${hubPath}/:closeConnections`, [...excluded(), ...reason]);
    case 'closeClientConnection':
      return call('DELETE', `${hubPath}${connection()}`, reason);
    case 'closeGroupConnections':
      return call('POST', `${group()}/:closeConnections`, [...excluded(), ...reason]);
    case 'grantPermission':
    case 'revokePermission':
      return call(
        a.actionName === 'grantPermission' ? 'PUT' : 'DELETE',
        `${hubPath}/permissions/${a.permission}${connection()}`,
        [['targetName', a.targetName]],
      );
  }
}

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

function send(path: string, a: WebPubSubAction, query: Query): ServiceRequest {
  // Sent as given, like the extension: the service itself refuses JSON text that does not parse.
  return { ...call('POST', path, query), body: a.data, contentType: CONTENT_TYPES[a.dataType] };
}

function call(method: ServiceRequest['method'], path: string, query: Query = []): ServiceRequest {
  const params = new URLSearchParams();
  for (const [name, value] of query) if (value !== undefined) params.append(name, value);
  params.append('api-version', SERVICE_API_VERSION);
  return { method, path: `${path}?${params.toString()}` };
}
