// The `webPubSub` output binding's actions (fact sheet D.5), validated the way the extension
// converts them: `actionName` and field names case-insensitive, message data a string or a Buffer.
import type { DataTypeValue } from './payload';
import { dataTypeValue, field, isObject, messageData, text } from './payload';

export const ACTION_NAMES = [
  'sendToAll',
  'sendToConnection',
  'sendToUser',
  'sendToGroup',
  'addConnectionToGroup',
  'removeConnectionFromGroup',
  'addUserToGroup',
  'removeUserFromGroup',
  'removeUserFromAllGroups',
  'closeAllConnections',
  'closeClientConnection',
  'closeGroupConnections',
  'grantPermission',
  'revokePermission',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];
export type PermissionName = 'sendToGroup' | 'joinLeaveGroup';

export interface WebPubSubAction {
  actionName: ActionName;
  connectionId: string;
  userId: string;
  group: string;
  data: Buffer;
  dataType: DataTypeValue;
  excluded: string[];
  reason: string | undefined;
  permission: PermissionName;
  targetName: string | undefined;
}

type Required = 'connectionId' | 'userId' | 'group';
const REQUIRED: Record<ActionName, readonly Required[]> = {
  sendToAll: [],
  sendToConnection: ['connectionId'],
  sendToUser: ['userId'],
  sendToGroup: ['group'],
  addConnectionToGroup: ['connectionId', 'group'],
  removeConnectionFromGroup: ['connectionId', 'group'],
  addUserToGroup: ['userId', 'group'],
  removeUserFromGroup: ['userId', 'group'],
  removeUserFromAllGroups: ['userId'],
  closeAllConnections: [],
  closeClientConnection: ['connectionId'],
  closeGroupConnections: ['group'],
  grantPermission: ['connectionId'],
  revokePermission: ['connectionId'],
};
const BY_LOWER = new Map<string, ActionName>(ACTION_NAMES.map((n) => [n.toLowerCase(), n]));
const PERMISSIONS = new Map<string, PermissionName>([
  ['sendtogroup', 'sendToGroup'],
  ['joinleavegroup', 'joinLeaveGroup'],
]);

/** One action or an array of them; throws an Error naming the action and field at fault. */
export function parseActions(value: unknown): WebPubSubAction[] {
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => {
    const where = Array.isArray(value) ? `action ${i}` : 'the action';
    if (!isObject(item)) throw new Error(`${where} is not an object with an actionName.`);
    try {
      return parseAction(item);
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`);
    }
  });
}

function parseAction(item: Record<string, unknown>): WebPubSubAction {
  const rawName = field(item, 'actionName');
  const actionName = BY_LOWER.get(text(rawName ?? '').toLowerCase());
  if (!actionName) {
    throw new Error(
      `Not supported WebPubSubOperation: ${text(rawName ?? '')}. Use one of ${ACTION_NAMES.join(', ')}.`,
    );
  }
  // Fields an action does not use keep these defaults; the runner reads only its own.
  const action: WebPubSubAction = {
    actionName,
    connectionId: '',
    userId: '',
    group: '',
    data: Buffer.alloc(0),
    dataType: 'text',
    excluded: [],
    reason: undefined,
    permission: 'sendToGroup',
    targetName: undefined,
  };
  for (const name of REQUIRED[actionName]) {
    const v = field(item, name);
    if (typeof v !== 'string' || v === '')
      throw new Error(`${actionName} needs '${name}' (a non-empty string).`);
    action[name] = v;
  }
  if (actionName.startsWith('send')) {
    action.dataType = dataTypeValue(field(item, 'dataType'), 'text');
    const data = field(item, 'data');
    if (data === undefined || data === null) throw new Error(`${actionName} needs 'data'.`);
    if (
      action.dataType === 'binary' &&
      !(isObject(data) && text(data.type).toLowerCase() === 'buffer')
    ) {
      throw new Error('WebPubSubDataType is binary, please use ArrayBuffer as message data type.');
    }
    action.data = messageData(data);
  }
  const excluded = field(item, 'excluded');
  if (excluded !== undefined && excluded !== null) {
    if (!Array.isArray(excluded) || !excluded.every((x) => typeof x === 'string')) {
      throw new Error(`${actionName}: 'excluded' must be an array of connection ids.`);
    }
    action.excluded = excluded;
  }
  action.reason = optionalString(item, 'reason');
  action.targetName = optionalString(item, 'targetName');
  if (actionName === 'grantPermission' || actionName === 'revokePermission') {
    const permission = PERMISSIONS.get(text(field(item, 'permission') ?? '').toLowerCase());
    if (!permission)
      throw new Error(`${actionName} needs 'permission': sendToGroup or joinLeaveGroup.`);
    action.permission = permission;
  }
  return action;
}

function optionalString(item: Record<string, unknown>, name: string): string | undefined {
  const v = field(item, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`'${name}' must be a string.`);
  return v;
}
