// The `webPubSub` output binding's actions, validated the way the extension converts them
// (its WebPubSubAction types and JSON converters): `actionName` and field names case-insensitive, message data a string or a Buffer.
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

/** Message data and the type the service is told it has. */
interface Message {
  data: Buffer;
  dataType: DataTypeValue;
}

/** Each action with exactly the fields its REST call uses. */
export type WebPubSubAction =
  | ({ actionName: 'sendToAll'; excluded: string[] } & Message)
  | ({ actionName: 'sendToConnection'; connectionId: string } & Message)
  | ({ actionName: 'sendToUser'; userId: string } & Message)
  | ({ actionName: 'sendToGroup'; group: string; excluded: string[] } & Message)
  | {
      actionName: 'addConnectionToGroup' | 'removeConnectionFromGroup';
      connectionId: string;
      group: string;
    }
  | { actionName: 'addUserToGroup' | 'removeUserFromGroup'; userId: string; group: string }
  | { actionName: 'removeUserFromAllGroups'; userId: string }
  | { actionName: 'closeAllConnections'; excluded: string[]; reason: string | undefined }
  | { actionName: 'closeClientConnection'; connectionId: string; reason: string | undefined }
  | {
      actionName: 'closeGroupConnections';
      group: string;
      excluded: string[];
      reason: string | undefined;
    }
  | {
      actionName: 'grantPermission' | 'revokePermission';
      connectionId: string;
      permission: PermissionName;
      targetName: string | undefined;
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
  const required = (name: 'connectionId' | 'userId' | 'group'): string => {
    const v = field(item, name);
    if (typeof v !== 'string' || v === '')
      throw new Error(`${actionName} needs '${name}' (a non-empty string).`);
    return v;
  };
  const excluded = (): string[] => {
    const v = field(item, 'excluded');
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw new Error(`${actionName}: 'excluded' must be an array of connection ids.`);
    }
    return v;
  };
  const reason = () => optionalString(item, 'reason');
  switch (actionName) {
    case 'sendToAll':
      return { actionName, excluded: excluded(), ...message(item, actionName) };
    case 'sendToConnection':
      return { actionName, connectionId: required('connectionId'), ...message(item, actionName) };
    case 'sendToUser':
      return { actionName, userId: required('userId'), ...message(item, actionName) };
    case 'sendToGroup':
      return {
        actionName,
        group: required('group'),
        excluded: excluded(),
        ...message(item, actionName),
      };
    case 'addConnectionToGroup':
    case 'removeConnectionFromGroup':
      return { actionName, connectionId: required('connectionId'), group: required('group') };
    case 'addUserToGroup':
    case 'removeUserFromGroup':
      return { actionName, userId: required('userId'), group: required('group') };
    case 'removeUserFromAllGroups':
      return { actionName, userId: required('userId') };
    case 'closeAllConnections':
      return { actionName, excluded: excluded(), reason: reason() };
    case 'closeClientConnection':
      return { actionName, connectionId: required('connectionId'), reason: reason() };
    case 'closeGroupConnections':
      return { actionName, group: required('group'), excluded: excluded(), reason: reason() };
    case 'grantPermission':
    case 'revokePermission': {
      const connectionId = required('connectionId');
      const permission = PERMISSIONS.get(text(field(item, 'permission') ?? '').toLowerCase());
      if (!permission)
        throw new Error(`${actionName} needs 'permission': sendToGroup or joinLeaveGroup.`);
      return {
        actionName,
        connectionId,
        permission,
        targetName: optionalString(item, 'targetName'),
      };
    }
  }
}

function message(item: Record<string, unknown>, actionName: ActionName): Message {
  const dataType = dataTypeValue(field(item, 'dataType'), 'text');
  const data = field(item, 'data');
  if (data === undefined || data === null) throw new Error(`${actionName} needs 'data'.`);
  if (dataType === 'binary' && !(isObject(data) && text(data.type).toLowerCase() === 'buffer')) {
    throw new Error('WebPubSubDataType is binary, please use ArrayBuffer as message data type.');
  }
  return { data: messageData(data), dataType };
}

function optionalString(item: Record<string, unknown>, name: string): string | undefined {
  const v = field(item, name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`'${name}' must be a string.`);
  return v;
}
