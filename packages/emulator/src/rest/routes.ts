// The REST data-plane route table (api-version 2024-12-01): every operation, by method and path.
import {
  closeAllConnections,
  closeConnection,
  closeGroupConnections,
  closeUserConnections,
} from './close';
import { connectionExists, groupExists, health, userExists } from './exists';
import { generateClientToken } from './generate-token';
import { listConnectionsInGroup } from './list-connections';
import {
  addConnectionsToGroups,
  addConnectionToGroup,
  addUserToGroup,
  removeConnectionFromAllGroups,
  removeConnectionFromGroup,
  removeConnectionsFromGroups,
  removeUserFromAllGroups,
  removeUserFromGroup,
} from './membership';
import { checkPermission, grantPermission, revokePermission } from './permissions';
import type { RestContext } from './rest-context';
import { sendToAll, sendToConnection, sendToGroup, sendToUser } from './send';

export interface Route {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  /** Segments; `{name}` captures one decoded segment, anything else matches case-insensitively. */
  path: string;
  operation: string;
  handler: (c: RestContext) => void | Promise<void>;
  /** Health needs no token, as in the service. */
  anonymous?: boolean;
}

const hub = '/api/hubs/{hub}';

export const ROUTES: readonly Route[] = [
  {
    method: 'HEAD',
    path: '/api/health',
    operation: 'HealthApi_GetServiceStatus',
    handler: health,
    anonymous: true,
  },
  { method: 'POST', path: `${hub}/:send`, operation: 'SendToAll', handler: sendToAll },
  {
    method: 'POST',
    path: `${hub}/:closeConnections`,
    operation: 'CloseAllConnections',
    handler: closeAllConnections,
  },
  {
    method: 'POST',
    path: `${hub}/:addToGroups`,
    operation: 'AddConnectionsToGroups',
    handler: addConnectionsToGroups,
  },
  {
    method: 'POST',
    path: `${hub}/:removeFromGroups`,
    operation: 'RemoveConnectionsFromGroups',
    handler: removeConnectionsFromGroups,
  },
  {
    method: 'POST',
    path: `${hub}/:generateToken`,
    operation: 'GenerateClientToken',
    handler: generateClientToken,
  },
  {
    method: 'HEAD',
    path: `${hub}/connections/{connectionId}`,
    operation: 'ConnectionExists',
    handler: connectionExists,
  },
  {
    method: 'DELETE',
    path: `${hub}/connections/{connectionId}`,
    operation: 'CloseConnection',
    handler: closeConnection,
  },
  {
    method: 'POST',
    path: `${hub}/connections/{connectionId}/:send`,
    operation: 'SendToConnection',
    handler: sendToConnection,
  },
  {
    method: 'DELETE',
    path: `${hub}/connections/{connectionId}/groups`,
    operation: 'RemoveConnectionFromAllGroups',
    handler: removeConnectionFromAllGroups,
  },
  { method: 'HEAD', path: `${hub}/groups/{group}`, operation: 'GroupExists', handler: groupExists },
  {
    method: 'POST',
    path: `${hub}/groups/{group}/:send`,
    operation: 'SendToGroup',
    handler: sendToGroup,
  },
  {
    method: 'POST',
    path: `${hub}/groups/{group}/:closeConnections`,
    operation: 'CloseGroupConnections',
    handler: closeGroupConnections,
  },
  {
    method: 'GET',
    path: `${hub}/groups/{group}/connections`,
    operation: 'ListConnectionsInGroup',
    handler: listConnectionsInGroup,
  },
  {
    method: 'PUT',
    path: `${hub}/groups/{group}/connections/{connectionId}`,
    operation: 'AddConnectionToGroup',
    handler: addConnectionToGroup,
  },
  {
    method: 'DELETE',
    path: `${hub}/groups/{group}/connections/{connectionId}`,
    operation: 'RemoveConnectionFromGroup',
    handler: removeConnectionFromGroup,
  },
  { method: 'HEAD', path: `${hub}/users/{userId}`, operation: 'UserExists', handler: userExists },
  {
    method: 'POST',
    path: `${hub}/users/{userId}/:send`,
    operation: 'SendToUser',
    handler: sendToUser,
  },
  {
    method: 'POST',
    path: `${hub}/users/{userId}/:closeConnections`,
    operation: 'CloseUserConnections',
    handler: closeUserConnections,
  },
  {
    method: 'DELETE',
    path: `${hub}/users/{userId}/groups`,
    operation: 'RemoveUserFromAllGroups',
    handler: removeUserFromAllGroups,
  },
  {
    method: 'PUT',
    path: `${hub}/users/{userId}/groups/{group}`,
    operation: 'AddUserToGroup',
    handler: addUserToGroup,
  },
  {
    method: 'DELETE',
    path: `${hub}/users/{userId}/groups/{group}`,
    operation: 'RemoveUserFromGroup',
    handler: removeUserFromGroup,
  },
  {
    method: 'PUT',
    path: `${hub}/permissions/{permission}/connections/{connectionId}`,
    operation: 'GrantPermission',
    handler: grantPermission,
  },
  {
    method: 'DELETE',
    path: `${hub}/permissions/{permission}/connections/{connectionId}`,
    operation: 'RevokePermission',
    handler: revokePermission,
  },
  {
    method: 'HEAD',
    path: `${hub}/permissions/{permission}/connections/{connectionId}`,
    operation: 'CheckPermission',
    handler: checkPermission,
  },
];
