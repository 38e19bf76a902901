// REST existence checks and closes through the official server SDK: connectionExists,
// groupExists, userExists, closeConnection, closeAllConnections, closeUserConnections and
// group.closeAllConnections (with `excluded` and `reason`), checked on the WebSocket wire.
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import type { Peer } from '../setup/rest';
import { uniqueHub, useRestHarness } from '../setup/rest';

/**
 * Close options with `excluded`: the SDK's generated layer sends it (`options.excluded`, repeated
 * `excluded=` query parameters) but 1.2.0's public option types omit it.
 */
const closeOptions = (reason: string, excluded: string[]) => ({ reason, excluded });

describe('REST existence checks and closes (SDK)', () => {
  const h = useRestHarness();

  /** A service close: JSON clients get `disconnected` with the reason, then a normal close. */
  async function expectClosedByService(peer: Peer, reason: string): Promise<void> {
    const closed = await peer.client.closed;
    expect(closed).toEqual({ code: 1000, reason });
    if (peer.kind === 'json') {
      expect(JSON.parse(String(peer.client.frames.at(-1)))).toEqual({
        type: 'system',
        event: 'disconnected',
        message: reason,
      });
    } else {
      expect(peer.client.frames).toEqual([]);
    }
    expect(await h.service(peer.hub).connectionExists(peer.connectionId)).toBe(false);
  }

  it('HEAD /api/health answers 200 without a token', async () => {
    const res = await h.request('/api/health', { method: 'HEAD', authorization: null });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('connectionExists, userExists and groupExists follow live connections', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const userId = uniqueName('u');
    expect(await svc.userExists(userId)).toBe(false);
    expect(await svc.groupExists(group)).toBe(false);
    const a = await h.json({ userId, groups: [group] });
    const b = await h.raw({ userId });
    expect(await svc.connectionExists(a.connectionId)).toBe(true);
    expect(await svc.connectionExists(b.connectionId)).toBe(true);
    expect(await svc.connectionExists(uniqueName('missing'))).toBe(false);
    expect(await svc.userExists(userId)).toBe(true);
    expect(await svc.groupExists(group)).toBe(true);
    // Existence is per hub.
    const other = h.service(uniqueHub());
    expect(await other.connectionExists(a.connectionId)).toBe(false);
    expect(await other.userExists(userId)).toBe(false);
    expect(await other.groupExists(group)).toBe(false);

    await svc.closeConnection(a.connectionId);
    await a.client.closed;
    expect(await svc.connectionExists(a.connectionId)).toBe(false);
    expect(await svc.groupExists(group)).toBe(false);
    expect(await svc.userExists(userId)).toBe(true);
    b.client.ws.close();
    await b.client.closed;
    await expect.poll(() => svc.userExists(userId)).toBe(false);
  });

  it('userExists handles user ids that need encoding', async () => {
    const userId = `${uniqueName('ü ser')}/x?y#z`;
    await h.json({ userId });
    expect(await h.service().userExists(userId)).toBe(true);
    expect(await h.service().userExists(userId.slice(0, -1))).toBe(false);
  });

  it('closeConnection with a reason: disconnected message, then close 1000 with that reason', async () => {
    const peer = await h.json();
    const bystander = await h.json();
    await h.service().closeConnection(peer.connectionId, { reason: 'maintenance window' });
    await expectClosedByService(peer, 'maintenance window');
    expect(peer.client.frames.filter((f) => String(f).includes('disconnected'))).toHaveLength(1);
    expect(await h.service().connectionExists(bystander.connectionId)).toBe(true);
    await h.expectSilence(bystander);
  });

  it('closeConnection without a reason, of a raw client, and of a missing connection', async () => {
    const peer = await h.json();
    const peer2 = await h.json();
    const raw = await h.raw();
    const svc = h.service();
    await svc.closeConnection(peer.connectionId);
    await expectClosedByService(peer, '');
    await svc.closeConnection(raw.connectionId, { reason: 'raw bye' });
    await expectClosedByService(raw, 'raw bye');
    await svc.closeConnection(uniqueName('missing'), { reason: 'nobody there' });
    await h.expectSilence(peer2);
  });

  it('connection ids are per hub: another hub cannot close, send to or group them', async () => {
    const peer = await h.json({ hub: uniqueHub() });
    const other = h.service(uniqueHub());
    await other.closeConnection(peer.connectionId, { reason: 'wrong hub' });
    await other.sendToConnection(peer.connectionId, 'wrong hub');
    await expect(
      other.group(uniqueName('g')).addConnection(peer.connectionId),
    ).rejects.toMatchObject({ statusCode: 404 });
    expect(await h.service(peer.hub).connectionExists(peer.connectionId)).toBe(true);
    await h.expectSilence(peer);
  });

  it('closeAllConnections closes the hub except excluded connections, other hubs untouched', async () => {
    const hub = uniqueHub();
    const a = await h.json({ hub });
    const b = await h.raw({ hub });
    const kept = await h.json({ hub });
    const elsewhere = await h.json({ hub: uniqueHub() });
    await h.service(hub).closeAllConnections(closeOptions('hub reset', [kept.connectionId]));
    await expectClosedByService(a, 'hub reset');
    await expectClosedByService(b, 'hub reset');
    expect(await h.service(hub).connectionExists(kept.connectionId)).toBe(true);
    await h.expectSilence(kept, elsewhere);

    await h.service(hub).closeAllConnections();
    await expectClosedByService(kept, '');
    await h.expectSilence(elsewhere);
  });

  it('closeUserConnections closes that user only, sparing excluded connections', async () => {
    const userId = uniqueName('u');
    const one = await h.json({ userId });
    const two = await h.raw({ userId });
    const three = await h.json({ userId });
    const other = await h.json();
    const svc = h.service();
    await svc.closeUserConnections(
      userId,
      closeOptions('signed out elsewhere', [three.connectionId]),
    );
    await expectClosedByService(one, 'signed out elsewhere');
    await expectClosedByService(two, 'signed out elsewhere');
    expect(await svc.userExists(userId)).toBe(true);
    await h.expectSilence(three, other);
    await svc.closeUserConnections(userId);
    await expectClosedByService(three, '');
    expect(await svc.userExists(userId)).toBe(false);
    await svc.closeUserConnections(uniqueName('nobody'), { reason: 'none' });
    await h.expectSilence(other);
  });

  it('group.closeAllConnections closes members except excluded, leaving non-members alone', async () => {
    const group = uniqueName('g');
    const m1 = await h.json({ groups: [group] });
    const m2 = await h.raw({ groups: [group] });
    const kept = await h.json({ groups: [group] });
    const outsider = await h.json();
    const svc = h.service();
    await svc.group(group).closeAllConnections(closeOptions('room closed', [kept.connectionId]));
    await expectClosedByService(m1, 'room closed');
    await expectClosedByService(m2, 'room closed');
    expect(await svc.groupExists(group)).toBe(true);
    await h.expectSilence(kept, outsider);
    await svc.group(group).closeAllConnections({ reason: 'x'.repeat(200) });
    const closed = await kept.client.closed;
    expect(closed.code).toBe(1000);
    // A WebSocket close reason is capped at 123 bytes; the disconnected message keeps it whole.
    expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
    expect(JSON.parse(String(kept.client.frames.at(-1)))).toMatchObject({
      event: 'disconnected',
      message: 'x'.repeat(200),
    });
    expect(await svc.groupExists(group)).toBe(false);
    await h.expectSilence(outsider);
  });
});
