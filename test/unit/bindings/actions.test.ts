// The output action builders the app uses: the extension's action shapes, optional fields only when
// given, and JSON serialised once.
import { describe, expect, it } from 'vitest';

import {
  addConnectionToGroupAction,
  json,
  removeConnectionFromGroupAction,
  sendToAllAction,
  sendToConnectionAction,
  sendToGroupAction,
  sendToUserAction,
} from '../../../bindings';

const payload = json({ type: 'left', room: 'a' });

describe('action builders', () => {
  it('serialise JSON once, as text with dataType json', () => {
    expect(payload).toEqual({ data: '{"type":"left","room":"a"}', dataType: 'json' });
  });

  it('build sends, with `excluded` only when there is one', () => {
    expect(sendToAllAction(payload)).toEqual({ actionName: 'sendToAll', ...payload });
    expect(sendToAllAction(payload, [])).toEqual({ actionName: 'sendToAll', ...payload });
    expect(sendToGroupAction('g', payload, ['c1'])).toEqual({
      actionName: 'sendToGroup',
      group: 'g',
      ...payload,
      excluded: ['c1'],
    });
    expect(sendToUserAction('u', payload)).toEqual({
      actionName: 'sendToUser',
      userId: 'u',
      ...payload,
    });
    expect(sendToConnectionAction('c', payload)).toEqual({
      actionName: 'sendToConnection',
      connectionId: 'c',
      ...payload,
    });
  });

  it('build connection group changes', () => {
    expect(addConnectionToGroupAction('c', 'g')).toEqual({
      actionName: 'addConnectionToGroup',
      connectionId: 'c',
      group: 'g',
    });
    expect(removeConnectionFromGroupAction('c', 'g')).toEqual({
      actionName: 'removeConnectionFromGroup',
      connectionId: 'c',
      group: 'g',
    });
  });
});
