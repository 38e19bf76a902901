// One output action → one REST call through the official server SDK, with the content type its
// dataType asks for (text/plain, application/json or application/octet-stream).
import type {
  HubCloseAllConnectionsOptions,
  JSONTypes,
  WebPubSubServiceClient,
} from '@azure/web-pubsub';

import type { WebPubSubAction } from './actions';

/** The SDK's send overloads, seen as one signature (the payload decides the content type). */
type Send = (
  message: string | Buffer | JSONTypes,
  options: { contentType?: 'text/plain'; excludedConnections?: string[] },
) => Promise<void>;

export async function runAction(client: WebPubSubServiceClient, a: WebPubSubAction): Promise<void> {
  switch (a.actionName) {
    case 'sendToAll':
      return send(client.sendToAll.bind(client), a);
    case 'sendToConnection':
      return send(client.sendToConnection.bind(client, a.connectionId) as Send, a);
    case 'sendToUser':
      return send(client.sendToUser.bind(client, a.userId) as Send, a);
    case 'sendToGroup': {
      const group = client.group(a.group);
      return send(group.sendToAll.bind(group), a);
    }
    case 'addConnectionToGroup':
      return client.group(a.group).addConnection(a.connectionId);
    case 'removeConnectionFromGroup':
      return client.group(a.group).removeConnection(a.connectionId);
    case 'addUserToGroup':
      return client.group(a.group).addUser(a.userId);
    case 'removeUserFromGroup':
      return client.group(a.group).removeUser(a.userId);
    case 'removeUserFromAllGroups':
      return client.removeUserFromAllGroups(a.userId);
    case 'closeAllConnections':
      return client.closeAllConnections(closeOptions(a));
    case 'closeClientConnection':
      return client.closeConnection(a.connectionId, { reason: a.reason });
    case 'closeGroupConnections':
      return client.group(a.group).closeAllConnections(closeOptions(a));
    case 'grantPermission':
      return client.grantPermission(a.connectionId, a.permission, { targetName: a.targetName });
    case 'revokePermission':
      return client.revokePermission(a.connectionId, a.permission, { targetName: a.targetName });
  }
}

function send(target: Send, a: WebPubSubAction): Promise<void> {
  const excludedConnections = a.excluded.length > 0 ? a.excluded : undefined;
  if (a.dataType === 'text') {
    return target(a.data.toString('utf8'), { contentType: 'text/plain', excludedConnections });
  }
  if (a.dataType === 'binary') return target(a.data, { excludedConnections });
  // The SDK serialises JSON itself, so hand it the value the JSON text stands for.
  let value: JSONTypes;
  try {
    value = JSON.parse(a.data.toString('utf8')) as JSONTypes;
  } catch {
    throw new Error("dataType is json but 'data' is not valid JSON text.");
  }
  return target(value, { excludedConnections });
}

/** The SDK's typings omit `excluded`, but its generated operation sends it as `?excluded=`. */
function closeOptions(a: WebPubSubAction): HubCloseAllConnectionsOptions {
  return { reason: a.reason, ...(a.excluded.length > 0 ? { excluded: a.excluded } : {}) };
}
