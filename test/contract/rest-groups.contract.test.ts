// REST group membership through the official server SDK: group.addConnection / removeConnection /
// addUser / removeUser / listConnections (paged), removeConnectionFromAllGroups,
// removeUserFromAllGroups and the filter-based addConnectionsToGroups / removeConnectionsFromGroups.
// Membership is checked by what group sends actually deliver, not only by the REST answers.
import type { WebPubSubServiceClient } from '@azure/web-pubsub';
import { odata } from '@azure/web-pubsub';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import type { Peer } from '../setup/rest';
import { groupMessage, listAll, useRestHarness } from '../setup/rest';

const byId = (x: { connectionId: string }, y: { connectionId: string }) =>
  x.connectionId < y.connectionId ? -1 : x.connectionId > y.connectionId ? 1 : 0;

describe('REST group membership (SDK)', () => {
  const h = useRestHarness();

  /** Sends to the group and checks exactly `members` get it (the others get nothing). */
  async function expectMembers(
    svc: WebPubSubServiceClient,
    group: string,
    members: Peer[],
    others: Peer[],
  ) {
    const text = uniqueName('probe');
    await svc.group(group).sendToAll(text, { contentType: 'text/plain' });
    for (const m of members) {
      expect(await h.nextData(m)).toEqual(
        m.kind === 'json' ? groupMessage(group, 'text', text) : text,
      );
    }
    await h.expectSilence(...others);
    const listed = (await listAll(svc, group)).map((m) => m.connectionId).sort();
    expect(listed).toEqual(members.map((m) => m.connectionId).sort());
  }

  it('group.addConnection and removeConnection change who gets group messages', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const a = await h.json();
    const b = await h.raw();
    await svc.group(group).addConnection(a.connectionId);
    await svc.group(group).addConnection(b.connectionId);
    await svc.group(group).addConnection(b.connectionId); // idempotent
    expect(await svc.groupExists(group)).toBe(true);
    await expectMembers(svc, group, [a, b], []);
    await svc.group(group).removeConnection(a.connectionId);
    await svc.group(group).removeConnection(a.connectionId); // idempotent
    await expectMembers(svc, group, [b], [a]);
    await svc.group(group).removeConnection(b.connectionId);
    expect(await svc.groupExists(group)).toBe(false);
    await svc.group(group).removeConnection(uniqueName('missing'));
    await expectMembers(svc, group, [], [a, b]);
  });

  it('group.addConnection of a missing connection fails with the SDK RestError 404', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const missing = uniqueName('missing');
    await expect(svc.group(group).addConnection(missing)).rejects.toMatchObject({
      name: 'RestError',
      statusCode: 404,
      code: 'Error.Connection.NotExisted',
      message: `Connection \`${missing}\` is not found.`,
    });
    expect(await svc.groupExists(group)).toBe(false);
  });

  it('group.addUser and removeUser cover every connection of the user', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const userId = uniqueName('u');
    const one = await h.json({ userId });
    const two = await h.raw({ userId });
    const other = await h.json();
    await svc.group(group).addUser(userId);
    await expectMembers(svc, group, [one, two], [other]);
    await svc.group(group).removeUser(userId);
    expect(await svc.groupExists(group)).toBe(false);
    await expectMembers(svc, group, [], [one, two, other]);
    await svc.group(group).removeUser(uniqueName('nobody'));
  });

  it('removeConnectionFromAllGroups and removeUserFromAllGroups empty every group', async () => {
    const svc = h.service();
    const [g1, g2, g3] = [uniqueName('g'), uniqueName('g'), uniqueName('g')];
    const userId = uniqueName('u');
    const a = await h.json({ groups: [g1, g2] });
    const u1 = await h.json({ userId, groups: [g1, g3] });
    const u2 = await h.raw({ userId, groups: [g2] });
    await svc.removeConnectionFromAllGroups(a.connectionId);
    await expectMembers(svc, g1, [u1], [a]);
    await expectMembers(svc, g2, [u2], [a]);
    await svc.removeUserFromAllGroups(userId);
    for (const g of [g1, g2, g3]) expect(await svc.groupExists(g)).toBe(false);
    await expectMembers(svc, g3, [], [a, u1, u2]);
    await svc.removeConnectionFromAllGroups(uniqueName('missing'));
    await svc.removeUserFromAllGroups(uniqueName('nobody'));
    expect(await svc.connectionExists(a.connectionId)).toBe(true);
  });

  it('addConnectionsToGroups and removeConnectionsFromGroups select connections by filter', async () => {
    const svc = h.service();
    const [g1, g2] = [uniqueName('g'), uniqueName('g')];
    const tag = uniqueName('tag');
    const userId = uniqueName('u');
    const u1 = await h.json({ userId });
    const u2 = await h.raw({ userId, groups: [tag] });
    const tagged = await h.json({ groups: [tag] });
    const other = await h.json();
    await svc.addConnectionsToGroups([g1, g2], odata`userId eq ${userId}`);
    await expectMembers(svc, g1, [u1, u2], [tagged, other]);
    await expectMembers(svc, g2, [u1, u2], [tagged, other]);
    await svc.addConnectionsToGroups([g1], odata`${tag} in groups and userId ne ${userId}`);
    await expectMembers(svc, g1, [u1, u2, tagged], [other]);
    await svc.removeConnectionsFromGroups([g1, g2], odata`${tag} in groups`);
    await expectMembers(svc, g1, [u1], [u2, tagged, other]);
    await expectMembers(svc, g2, [u1], [u2, tagged, other]);
    await svc.removeConnectionsFromGroups([g1], odata`connectionId eq ${u1.connectionId}`);
    expect(await svc.groupExists(g1)).toBe(false);
    expect(await svc.groupExists(g2)).toBe(true);
  });

  it('listConnections pages with maxPageSize and byPage(), with user ids', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    const peers: Peer[] = [];
    for (let i = 0; i < 5; i++) peers.push(await h.json({ groups: [group] }));
    peers.push(await h.json({ groups: [group], userId: null }));
    const expected = peers
      .map((p) => ({ connectionId: p.connectionId, userId: p.userId }))
      .sort(byId);

    const pages: { connectionId: string; userId?: string }[][] = [];
    const list = await svc.group(group).listConnections({ maxPageSize: 2 });
    for await (const page of list.byPage()) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    const flat = pages.flat().sort(byId);
    expect(flat).toEqual(expected);
    expect(flat.find((m) => m.connectionId === peers[5]!.connectionId)).toEqual({
      connectionId: peers[5]!.connectionId,
    });

    const items: { connectionId: string; userId?: string }[] = [];
    for await (const m of await svc.group(group).listConnections({ maxPageSize: 4 })) items.push(m);
    expect(items.sort(byId)).toEqual(expected);
  });

  it('group names that need encoding work for membership, sends, checks and paging', async () => {
    const svc = h.service();
    const group = `${uniqueName('a b/c?d#e%f')} ü:+&=`;
    const peers = [await h.json(), await h.raw(), await h.json()];
    for (const p of peers) await svc.group(group).addConnection(p.connectionId);
    expect(await svc.groupExists(group)).toBe(true);
    expect(await svc.groupExists(group.slice(0, -1))).toBe(false);
    await expectMembers(svc, group, peers, []);
    const pages: number[] = [];
    for await (const page of (
      await svc.group(group).listConnections({ maxPageSize: 1 })
    ).byPage()) {
      pages.push(page.length);
    }
    expect(pages).toEqual([1, 1, 1]);
    await svc.group(group).removeConnection(peers[1]!.connectionId);
    await expectMembers(svc, group, [peers[0]!, peers[2]!], [peers[1]!]);
  });

  it('listConnections stops after top items, across pages', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    for (let i = 0; i < 5; i++) await h.json({ groups: [group] });
    const sizes = async (options: { maxPageSize?: number; top?: number }) => {
      const out: number[] = [];
      const list = await svc.group(group).listConnections(options);
      for await (const page of list.byPage()) out.push(page.length);
      return out;
    };
    expect(await sizes({ maxPageSize: 2, top: 3 })).toEqual([2, 1]);
    expect(await sizes({ maxPageSize: 2, top: 4 })).toEqual([2, 2]);
    expect(await sizes({ top: 2 })).toEqual([2]);
    expect(await sizes({ maxPageSize: 200 })).toEqual([5]);
    expect(await sizes({ maxPageSize: 5, top: 10 })).toEqual([5]);
    expect(await listAll(svc, uniqueName('empty'))).toEqual([]);
  });

  it('listConnections resumes from the nextLink of an earlier page', async () => {
    const svc = h.service();
    const group = uniqueName('g');
    for (let i = 0; i < 3; i++) await h.json({ groups: [group] });
    let nextLink: string | undefined;
    const list = await svc.group(group).listConnections({
      maxPageSize: 1,
      onResponse: (raw) => (nextLink ??= (raw.parsedBody as { nextLink?: string }).nextLink),
    });
    const first = (await list.byPage().next()).value as { connectionId: string }[];
    expect(first).toHaveLength(1);
    expect(nextLink).toMatch(
      /^http:\/\/localhost:\d+\/api\/hubs\/chat\/groups\/.+continuationToken=/,
    );
    const rest: string[] = [];
    const resumed = await svc.group(group).listConnections({ maxPageSize: 1 });
    for await (const page of resumed.byPage({ continuationToken: nextLink })) {
      expect(page).toHaveLength(1);
      rest.push(page[0]!.connectionId);
    }
    expect(rest).toHaveLength(2);
    expect(new Set([first[0]!.connectionId, ...rest]).size).toBe(3);
  });
});
