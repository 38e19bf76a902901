// Typed builders for the `webPubSub` output actions the app uses (sends, connection group changes,
// send permissions on a group), so no function writes an action object by hand. `data` travels as
// a string: JSON is serialised once, here. The extension has more actions (user groups, closing):
// add a builder here, with a test, when a function needs one.

type DataType = 'json' | 'text' | 'binary';
type Payload = { data: string; dataType: DataType };

/** Serialises a JSON payload once; pass the result to as many actions as need it. */
export function json(value: unknown): Payload {
  return { data: JSON.stringify(value), dataType: 'json' };
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

/** Lets the connection send to `group` (the extension's GrantPermissionAction). */
export const grantSendToGroupAction = (connectionId: string, group: string) => ({
  actionName: 'grantPermission' as const,
  connectionId,
  permission: 'sendToGroup' as const,
  targetName: group,
});

export const revokeSendToGroupAction = (connectionId: string, group: string) => ({
  actionName: 'revokePermission' as const,
  connectionId,
  permission: 'sendToGroup' as const,
  targetName: group,
});

export type WebPubSubAction = ReturnType<
  | typeof sendToAllAction
  | typeof sendToGroupAction
  | typeof sendToUserAction
  | typeof sendToConnectionAction
  | typeof addConnectionToGroupAction
  | typeof removeConnectionFromGroupAction
  | typeof grantSendToGroupAction
  | typeof revokeSendToGroupAction
>;
