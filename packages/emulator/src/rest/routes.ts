// The REST routes: each operation of the service's REST table (@wps-local/wire's REST_OPERATIONS:
// method and path) with the handler that carries it out here.
import type { RestMethod, RestOperation, RestOperationId } from '@wps-local/wire';
import { REST_OPERATIONS } from '@wps-local/wire';

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
  method: RestMethod;
  /** Segments; `{name}` captures one decoded segment, anything else matches case-insensitively. */
  path: string;
  operation: RestOperationId;
  handler: (c: RestContext) => void | Promise<void>;
  /** Health needs no token, as in the service. */
  anonymous?: boolean;
}

/** What the emulator does for each operation of the service's REST table. */
const HANDLERS: Record<RestOperationId, Route['handler']> = {
  HealthApi_GetServiceStatus: health,
  SendToAll: sendToAll,
  CloseAllConnections: closeAllConnections,
  AddConnectionsToGroups: addConnectionsToGroups,
  RemoveConnectionsFromGroups: removeConnectionsFromGroups,
  GenerateClientToken: generateClientToken,
  ConnectionExists: connectionExists,
  CloseConnection: closeConnection,
  SendToConnection: sendToConnection,
  RemoveConnectionFromAllGroups: removeConnectionFromAllGroups,
  GroupExists: groupExists,
  SendToGroup: sendToGroup,
  CloseGroupConnections: closeGroupConnections,
  ListConnectionsInGroup: listConnectionsInGroup,
  AddConnectionToGroup: addConnectionToGroup,
  RemoveConnectionFromGroup: removeConnectionFromGroup,
  UserExists: userExists,
  SendToUser: sendToUser,
  CloseUserConnections: closeUserConnections,
  RemoveUserFromAllGroups: removeUserFromAllGroups,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  GrantPermission: grantPermission,
  RevokePermission: revokePermission,
  CheckPermission: checkPermission,
};

export const ROUTES: readonly Route[] = (
  Object.entries(REST_OPERATIONS) as [RestOperationId, RestOperation][]
).map(([operation, op]) => ({
  method: op.method,
  path: op.path,
  operation,
  handler: HANDLERS[operation],
  ...(op.anonymous ? { anonymous: true } : {}),
}));
