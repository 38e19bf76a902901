// Each output action as the REST call the extension makes for it: the operation from the service's
// REST table (@wps-local/wire), its path parameters and query, and for sends the body with the
// content type its dataType asks for.
import type { OperationParams, RestMethod, RestOperationId } from '@wps-local/wire';
import { operationPath, REST_OPERATIONS } from '@wps-local/wire';

import type { WebPubSubAction } from './actions';
import type { DataTypeValue } from './payload';

export interface ServiceRequest {
  method: RestMethod;
  /** Path and query, e.g. `/api/hubs/chat/:send?api-version=2024-12-01`. */
  path: string;
  body?: Buffer;
  contentType?: string;
}

const CONTENT_TYPES: Record<DataTypeValue, string> = {
  text: 'text/plain',
  json: 'application/json',
  binary: 'application/octet-stream',
};

type Query = (readonly [name: string, value: string | undefined])[];

export function actionRequest(hub: string, a: WebPubSubAction): ServiceRequest {
  switch (a.actionName) {
    case 'sendToAll':
      return send(a, call('SendToAll', { hub }, excluded(a.excluded)));
    case 'sendToConnection':
      return send(a, call('SendToConnection', { hub, connectionId: a.connectionId }));
    case 'sendToUser':
      return send(a, call('SendToUser', { hub, userId: a.userId }));
    case 'sendToGroup':
      return send(a, call('SendToGroup', { hub, group: a.group }, excluded(a.excluded)));
    case 'addConnectionToGroup':
      return call('AddConnectionToGroup', { hub, group: a.group, connectionId: a.connectionId });
    case 'removeConnectionFromGroup':
      return call('RemoveConnectionFromGroup', {
        hub,
        group: a.group,
        connectionId: a.connectionId,
      });
    case 'addUserToGroup':
      return call('AddUserToGroup', { hub, userId: a.userId, group: a.group });
    case 'removeUserFromGroup':
      return call('RemoveUserFromGroup', { hub, userId: a.userId, group: a.group });
    case 'removeUserFromAllGroups':
      return call('RemoveUserFromAllGroups', { hub, userId: a.userId });
    case 'closeAllConnections':
      return call('CloseAllConnections', { hub }, [...excluded(a.excluded), ['reason', a.reason]]);
    case 'closeClientConnection':
      return call('CloseConnection', { hub, connectionId: a.connectionId }, [['reason', a.reason]]);
    case 'closeGroupConnections':
      return call('CloseGroupConnections', { hub, group: a.group }, [
        ...excluded(a.excluded),
        ['reason', a.reason],
      ]);
    case 'grantPermission':
    case 'revokePermission':
      return call(
        a.actionName === 'grantPermission' ? 'GrantPermission' : 'RevokePermission',
        { hub, permission: a.permission, connectionId: a.connectionId },
        [['targetName', a.targetName]],
      );
  }
}

function excluded(ids: readonly string[]): Query {
  return ids.map((id) => ['excluded', id] as const);
}

function send(message: { data: Buffer; dataType: DataTypeValue }, r: ServiceRequest) {
  // Sent as given, like the extension: the service itself refuses JSON text that does not parse.
  return { ...r, body: message.data, contentType: CONTENT_TYPES[message.dataType] };
}

function call<Id extends RestOperationId>(
  id: Id,
  params: OperationParams<Id>,
  query: Query = [],
): ServiceRequest {
  return { method: REST_OPERATIONS[id].method, path: operationPath(id, params, query) };
}
