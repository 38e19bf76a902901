// The `webPubSub` output binding in the offline host: actions run in order against the emulator's
// REST API, one call each, every action kind with its effect, and invalid actions refused whole.
import { recordClient, serviceClient, stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import { useWpsStack } from '../setup/wps-host';
import { openClient } from '../setup/ws-client';

const JSON_V1 = 'json.webpubsub.azure.v1';
const stack = useWpsStack();
afterEach(() => stopAllClients());

describe('webPubSub output actions', () => {
  const open = async () => {
    const client = await openClient(
      (await stack.negotiate(`wps/negotiate?userId=${uniqueName('u')}`)).url,
      JSON_V1,
    );
    const hello = await client.next((f) => f.type === 'system');
    return { client, connectionId: hello.connectionId as string };
  };
  const run = (client: Awaited<ReturnType<typeof open>>['client'], actions: unknown, ackId = 1) =>
    client.sendJson({ type: 'event', event: 'run', dataType: 'json', data: actions, ackId });

  it('runs the actions in order, one REST call each, before the reply', async () => {
    const { client } = await open();
    const group = uniqueName('joined');
    client.sendJson({ type: 'event', event: 'join', dataType: 'text', data: group, ackId: 1 });
    const frames = [];
    for (let i = 0; i < 4; i++) frames.push(await client.next((f) => f.type === 'message'));
    expect(frames.map((f) => [f.from, f.dataType, f.data])).toEqual([
      ['group', 'text', `welcome to ${group}`],
      ['server', 'json', { step: 3 }],
      ['server', 'binary', Buffer.from([1, 2, 3]).toString('base64')],
      ['server', 'text', 'joined'],
    ]);
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({ ackId: 1, success: true });
    // Removed again before 'after leaving' was sent: the group is empty.
    expect(await serviceClient(stack.emulator().connectionString, 'chat').groupExists(group)).toBe(
      false,
    );
    client.ws.close();
  });

  it('stops at a failing action: the earlier ones ran, the later ones did not, the event failed', async () => {
    const { client } = await open();
    client.sendJson({ type: 'event', event: 'failing', dataType: 'text', data: '', ackId: 3 });
    // The failed event is never answered (the service's timeout then acks it with an error).
    await eventually(
      () => stack.host().output().includes("event 'failing' on hub 'chat'"),
      'the failed event',
    );
    await client.next((f) => f.type === 'message' && f.data === 'before');
    const texts = client.frames.map(String);
    expect(texts.some((t) => t.includes('"before"'))).toBe(true);
    expect(texts.some((t) => t.includes('"never"') || t.includes('unreachable'))).toBe(false);
    expect(stack.host().output()).toContain('addConnectionToGroup failed');
    client.ws.close();
  });

  it('adds users to groups, sends to users and grants permissions, field names in any case', async () => {
    const { client, connectionId } = await open();
    const group = uniqueName('g');
    const rc = recordClient(
      async () => (await stack.negotiate(`wps/negotiate?userId=${uniqueName('bob')}`)).url,
    );
    await rc.start();
    const bob = rc.connected[0]!.userId;
    run(client, [
      { ActionName: 'AddUserToGroup', UserId: bob, Group: group },
      { actionName: 'sendToGroup', group, data: 'to bob via group', dataType: 'text' },
      { actionName: 'sendToUser', userId: bob, data: '{"direct":true}', dataType: 'json' },
      { actionName: 'grantPermission', connectionId, permission: 'sendToGroup', targetName: group },
    ]);
    expect(await client.next((f) => f.type === 'ack')).toMatchObject({ success: true });
    await rc.until(
      () => rc.messages.find((m) => m.data === 'to bob via group'),
      'the group message',
    );
    await rc.until(
      () => rc.messages.find((m) => (m.data as { direct?: boolean } | null)?.direct === true),
      'the user message',
    );
    client.sendJson({ type: 'sendToGroup', group, dataType: 'text', data: 'granted', ackId: 2 });
    expect(await client.next((f) => f.type === 'ack' && f.ackId === 2)).toMatchObject({
      success: true,
    });
    client.ws.close();
  });

  it('closes a connection with the closeClientConnection action', async () => {
    const { client, connectionId } = await open();
    const victim = await open();
    run(client, {
      actionName: 'closeClientConnection',
      connectionId: victim.connectionId,
      reason: 'bye',
    });
    expect((await victim.client.closed).code).toBeGreaterThan(0);
    expect(connectionId).not.toBe(victim.connectionId);
    client.ws.close();
  });

  it('runs the other action kinds against the service, each with its effect', async () => {
    const a = await open();
    const b = await open();
    const c = await open();
    const group = uniqueName('g');
    const sdk = serviceClient(stack.emulator().connectionString, 'chat');
    const b0 = b.connectionId;
    run(a.client, [
      { actionName: 'addConnectionToGroup', connectionId: b0, group },
      { actionName: 'addConnectionToGroup', connectionId: c.connectionId, group: `${group}-x` },
      {
        actionName: 'removeConnectionFromGroup',
        connectionId: c.connectionId,
        group: `${group}-x`,
      },
      { actionName: 'sendToAll', data: 'all but a', excluded: [a.connectionId] },
      { actionName: 'sendToConnection', connectionId: b0, data: '{"only":"b"}', dataType: 'json' },
      {
        actionName: 'grantPermission',
        connectionId: b0,
        permission: 'sendToGroup',
        targetName: group,
      },
      {
        actionName: 'grantPermission',
        connectionId: b0,
        permission: 'joinLeaveGroup',
        targetName: group,
      },
      {
        actionName: 'revokePermission',
        connectionId: b0,
        permission: 'joinLeaveGroup',
        targetName: group,
      },
      { actionName: 'removeUserFromGroup', userId: 'nobody', group },
      { actionName: 'removeUserFromAllGroups', userId: 'nobody' },
    ]);
    const ack = await a.client.next((f) => f.type === 'ack');
    expect(ack, stack.host().output()).toMatchObject({ success: true });
    expect(await b.client.next((f) => f.data === 'all but a')).toMatchObject({ from: 'server' });
    expect(await b.client.next((f) => f.dataType === 'json')).toMatchObject({
      data: { only: 'b' },
    });
    await c.client.next((f) => f.data === 'all but a');
    expect(a.client.frames.map(String).some((t) => t.includes('all but a'))).toBe(false);
    expect(await sdk.groupExists(group)).toBe(true);
    expect(await sdk.groupExists(`${group}-x`)).toBe(false);
    expect(await sdk.hasPermission(b0, 'sendToGroup', { targetName: group })).toBe(true);
    expect(await sdk.hasPermission(b0, 'joinLeaveGroup', { targetName: group })).toBe(false);

    run(a.client, { actionName: 'closeGroupConnections', group, reason: 'group closed' }, 2);
    expect((await b.client.closed).code).toBeGreaterThan(0);
    run(a.client, { actionName: 'closeAllConnections', excluded: [a.connectionId] }, 3);
    expect((await c.client.closed).code).toBeGreaterThan(0);
    expect(await a.client.next((f) => f.type === 'ack' && f.ackId === 3)).toMatchObject({
      success: true,
    });
    a.client.ws.close();
  });

  it('fails the invocation, running nothing, when an action is invalid', async () => {
    const { client, connectionId } = await open();
    const cases: [unknown, string][] = [
      [
        { actionName: 'sendToEveryone', data: 'x' },
        'Not supported WebPubSubOperation: sendToEveryone.',
      ],
      [{ actionName: 'sendToConnection', data: 'x' }, "sendToConnection needs 'connectionId'"],
      [
        { actionName: 'sendToAll', data: 'x', dataType: 'binary' },
        'WebPubSubDataType is binary, please use ArrayBuffer as message data type.',
      ],
      [
        { actionName: 'sendToAll', data: { not: 'a string' } },
        'Message should be string, please stringify object.',
      ],
      [
        [{ actionName: 'sendToConnection', connectionId, data: 'first' }, { actionName: 'nope' }],
        'action 1: Not supported WebPubSubOperation: nope.',
      ],
      [
        { actionName: 'sendToAll', data: '{"open": ', dataType: 'json' },
        'sendToAll failed: POST /api/hubs/chat/:send: 400',
      ],
    ];
    // Each case on a connection of its own: the service holds a connection's next event until
    // the previous one is answered, and a failed one never is (its timeout then acks an error).
    const others = [];
    for (const [i, [actions, message]] of cases.entries()) {
      const sender = i === 0 ? client : (await open()).client;
      if (sender !== client) others.push(sender);
      run(sender, actions, 11);
      await eventually(() => stack.host().output().includes(message), message);
    }
    for (const other of others) other.ws.close();
    expect(client.frames.map(String).some((t) => t.includes('"first"'))).toBe(false);
    client.ws.close();
  });
});
