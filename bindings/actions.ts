// Typed builders for every `webPubSub` output action the extension supports, so no function writes an
// action object by hand. `data` travels as a string: JSON is serialised once, here.

export type DataType = 'json' | 'text' | 'binary';
type Payload = { data: string; dataType: DataType };

/** Serialises a JSON payload once; pass the result to as many actions as need it. */
export function json(value: unknown): Payload {
  return { data: JSON.stringify(value), dataType: 'json' };
}

export function text(value: string): Payload {
  return { data: value, dataType: 'text' };
}

export const sendToAllAction = (payload: Payload, excluded?: string[]) => ({
  actionName: 'sendToAll' as const,
  ...payload,
  ...(excluded?.length ? { excluded } : {}),
});

export const sendToGroupAction = (group: string, payload: Payload, excluded?: string[]) => ({
  actionName: 'sendToGroup' as const,
  group,
  ...payload,
  ...(excluded?.length ? { excluded } : {}),
});

export const sendToUserAction = (userId: string, payload: Payload) => ({
  actionName: 'sendToUser' as const,
  userId,
  ...payload,
});

export const sendToConnectionAction = (connectionId: string, payload: Payload) => ({
  actionName: 'sendToConnection' as const,
  connectionId,
  ...payload,
});

export const addConnectionToGroupAction = (connectionId: string, group: string) => ({
  actionName: 'addConnectionToGroup' as const,
  connectionId,
  group,
});

export const removeConnectionFromGroupAction = (connectionId: string, group: string) => ({
  actionName: 'removeConnectionFromGroup' as const,
  connectionId,
  group,
});

export const addUserToGroupAction = (userId: string, group: string) => ({
  actionName: 'addUserToGroup' as const,
  userId,
  group,
});

export const removeUserFromGroupAction = (userId: string, group: string) => ({
  actionName: 'removeUserFromGroup' as const,
  userId,
  group,
});

export const removeUserFromAllGroupsAction = (userId: string) => ({
  actionName: 'removeUserFromAllGroups' as const,
  userId,
});

export const closeAllConnectionsAction = (reason?: string, excluded?: string[]) => ({
  actionName: 'closeAllConnections' as const,
  ...(reason ? { reason } : {}),
  ...(excluded?.length ? { excluded } : {}),
});

export const closeClientConnectionAction = (connectionId: string, reason?: string) => ({
  actionName: 'closeClientConnection' as const,
  connectionId,
  ...(reason ? { reason } : {}),
});

export const closeGroupConnectionsAction = (
  group: string,
  reason?: string,
  excluded?: string[],
) => ({
  actionName: 'closeGroupConnections' as const,
  group,
  ...(reason ? { reason } : {}),
  ...(excluded?.length ? { excluded } : {}),
});

export type Permission = 'sendToGroup' | 'joinLeaveGroup';

export const grantPermissionAction = (
  connectionId: string,
  permission: Permission,
  targetName?: string,
) => ({
  actionName: 'grantPermission' as const,
  connectionId,
  permission,
  ...(targetName ? { targetName } : {}),
});

export const revokePermissionAction = (
  connectionId: string,
  permission: Permission,
  targetName?: string,
) => ({
  actionName: 'revokePermission' as const,
  connectionId,
  permission,
  ...(targetName ? { targetName } : {}),
});

export type WebPubSubAction = ReturnType<
  | typeof sendToAllAction
  | typeof sendToGroupAction
  | typeof sendToUserAction
  | typeof sendToConnectionAction
  | typeof addConnectionToGroupAction
  | typeof removeConnectionFromGroupAction
  | typeof addUserToGroupAction
  | typeof removeUserFromGroupAction
  | typeof removeUserFromAllGroupsAction
  | typeof closeAllConnectionsAction
  | typeof closeClientConnectionAction
  | typeof closeGroupConnectionsAction
  | typeof grantPermissionAction
  | typeof revokePermissionAction
>;
