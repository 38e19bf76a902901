// REST permissions through the official server SDK: grantPermission, revokePermission and
// hasPermission (targetName required), each verified on the wire: a json.webpubsub.azure.v1
// client's joinGroup / leaveGroup / sendToGroup acks go from Forbidden to success and back.
import type { Permission } from '@azure/web-pubsub';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import type { Peer } from '../setup/rest';
import { useRestHarness } from '../setup/rest';
import type { Frame } from '../setup/ws-client';

describe('REST permissions (SDK)', () => {
  const h = useRestHarness();
  let ackId = 0;

  /** Sends a request with a fresh ackId and resolves with its ack. */
  async function request(peer: Peer, message: object): Promise<Frame> {
    const id = ++ackId;
    peer.client.sendJson({ ...message, ackId: id });
    return peer.client.next((f) => f.type === 'ack' && f.ackId === id);
  }
  const ok = (ack: Frame) => expect(ack).toEqual({ type: 'ack', ackId: ack.ackId, success: true });
  const forbidden = (ack: Frame) =>
    expect(ack).toMatchObject({ success: false, error: { name: 'Forbidden' } });
  const has = (peer: Peer, permission: Permission, targetName: string) =>
    h.service().hasPermission(peer.connectionId, permission, { targetName });

  it('grant joinLeaveGroup on one group: joinGroup goes from Forbidden to success', async () => {
    const svc = h.service();
    const [group, other] = [uniqueName('g'), uniqueName('g')];
    const peer = await h.json();
    forbidden(await request(peer, { type: 'joinGroup', group }));
    expect(await has(peer, 'joinLeaveGroup', group)).toBe(false);

    await svc.grantPermission(peer.connectionId, 'joinLeaveGroup', { targetName: group });
    expect(await has(peer, 'joinLeaveGroup', group)).toBe(true);
    expect(await has(peer, 'joinLeaveGroup', other)).toBe(false);
    expect(await has(peer, 'sendToGroup', group)).toBe(false);
    ok(await request(peer, { type: 'joinGroup', group }));
    forbidden(await request(peer, { type: 'joinGroup', group: other }));
    expect(await svc.groupExists(group)).toBe(true);
    expect(await svc.groupExists(other)).toBe(false);

    await svc.revokePermission(peer.connectionId, 'joinLeaveGroup', { targetName: group });
    expect(await has(peer, 'joinLeaveGroup', group)).toBe(false);
    forbidden(await request(peer, { type: 'leaveGroup', group }));
    // Revoking does not remove the connection from the group it already joined.
    expect(await svc.groupExists(group)).toBe(true);
  });

  it('grant sendToGroup: sendToGroup acks succeed and members get the message; revoke stops it', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const sender = await h.json();
    const member = await h.json({ groups: [group] });
    const send = (data: string) =>
      request(sender, { type: 'sendToGroup', group, dataType: 'text', data });
    forbidden(await send('denied'));
    await svc.grantPermission(sender.connectionId, 'sendToGroup', { targetName: group });
    expect(await has(sender, 'sendToGroup', group)).toBe(true);
    expect(await has(sender, 'joinLeaveGroup', group)).toBe(false);
    ok(await send('allowed'));
    expect(await h.nextData(member)).toEqual({
      type: 'message',
      from: 'group',
      group,
      fromUserId: sender.userId,
      dataType: 'text',
      data: 'allowed',
    });
    await svc.revokePermission(sender.connectionId, 'sendToGroup', { targetName: group });
    forbidden(await send('denied again'));
    await h.expectSilence(member);
  });

  it('revoke carves one group out of a role that allows all groups, and grant restores it', async () => {
    const svc = h.service();
    const [group, other] = [uniqueName('g'), uniqueName('g')];
    const peer = await h.json({ roles: ['webpubsub.joinLeaveGroup', 'webpubsub.sendToGroup'] });
    expect(await has(peer, 'joinLeaveGroup', group)).toBe(true);
    expect(await has(peer, 'sendToGroup', group)).toBe(true);
    await svc.revokePermission(peer.connectionId, 'joinLeaveGroup', { targetName: group });
    expect(await has(peer, 'joinLeaveGroup', group)).toBe(false);
    expect(await has(peer, 'joinLeaveGroup', other)).toBe(true);
    expect(await has(peer, 'sendToGroup', group)).toBe(true);
    forbidden(await request(peer, { type: 'joinGroup', group }));
    ok(await request(peer, { type: 'joinGroup', group: other }));
    await svc.grantPermission(peer.connectionId, 'joinLeaveGroup', { targetName: group });
    ok(await request(peer, { type: 'joinGroup', group }));
  });

  it('revoke of a literal role from the token takes effect; revoking twice is fine', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const peer = await h.json({ roles: [`webpubsub.joinLeaveGroup.${group}`] });
    expect(await has(peer, 'joinLeaveGroup', group)).toBe(true);
    ok(await request(peer, { type: 'joinGroup', group }));
    await svc.revokePermission(peer.connectionId, 'joinLeaveGroup', { targetName: group });
    await svc.revokePermission(peer.connectionId, 'joinLeaveGroup', { targetName: group });
    forbidden(await request(peer, { type: 'leaveGroup', group }));
    expect(await has(peer, 'joinLeaveGroup', group)).toBe(false);
  });

  it('permissions belong to one connection: another connection of the same user is unaffected', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const userId = uniqueName('u');
    const a = await h.json({ userId });
    const b = await h.json({ userId });
    await svc.grantPermission(a.connectionId, 'joinLeaveGroup', { targetName: group });
    expect(await has(b, 'joinLeaveGroup', group)).toBe(false);
    forbidden(await request(b, { type: 'joinGroup', group }));
    ok(await request(a, { type: 'joinGroup', group }));
  });

  it('targetName is required; missing connections are 404 for grant and false for check', async () => {
    const svc = h.service();
    const peer = await h.json();
    await expect(svc.grantPermission(peer.connectionId, 'joinLeaveGroup')).rejects.toMatchObject({
      name: 'RestError',
      statusCode: 400,
      code: 'Error.BadRequest',
    });
    await expect(svc.revokePermission(peer.connectionId, 'sendToGroup')).rejects.toMatchObject({
      statusCode: 400,
    });
    // HEAD has no body: the SDK reports the 400 as a RestError too.
    await expect(svc.hasPermission(peer.connectionId, 'sendToGroup')).rejects.toMatchObject({
      statusCode: 400,
    });
    const missing = uniqueName('missing');
    // Required whether or not the connection exists.
    for (const call of [
      () => svc.grantPermission(missing, 'joinLeaveGroup'),
      () => svc.revokePermission(missing, 'joinLeaveGroup'),
      () => svc.hasPermission(missing, 'sendToGroup'),
    ]) {
      await expect(call()).rejects.toMatchObject({ statusCode: 400 });
    }
    await expect(
      svc.grantPermission(missing, 'sendToGroup', { targetName: 'g' }),
    ).rejects.toMatchObject({ statusCode: 404, code: 'Info.Connection.NotExisted' });
    expect(await svc.hasPermission(missing, 'sendToGroup', { targetName: 'g' })).toBe(false);
    await svc.revokePermission(missing, 'sendToGroup', { targetName: 'g' });
    // The failed calls changed nothing.
    forbidden(await request(peer, { type: 'joinGroup', group: uniqueName('g') }));
    await h.expectSilence(peer);
  });
});
