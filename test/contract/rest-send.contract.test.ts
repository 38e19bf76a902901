// REST sends through the official server SDK: sendToAll, sendToUser, sendToConnection and
// group.sendToAll, with every content type, `excluded`, OData `filter` (via the SDK's `odata`
// helper) and `messageTtlSeconds`, checked frame by frame on JSON and raw WebSocket clients.
import { odata } from '@azure/web-pubsub';
import { describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { groupMessage, serverMessage, uniqueHub, useRestHarness } from '../setup/rest';

describe('REST sends (SDK)', () => {
  const h = useRestHarness();

  it('sendToAll with a string sends JSON: JSON clients get dataType json, raw clients the quoted text', async () => {
    const hub = uniqueHub();
    const json = await h.json({ hub });
    const raw = await h.raw({ hub });
    await h.service(hub).sendToAll('Hello');
    expect(await h.nextData(json)).toEqual(serverMessage('json', 'Hello'));
    expect(json.client.frames.at(-1)).toBe(
      '{"type":"message","from":"server","dataType":"json","data":"Hello"}',
    );
    expect(await h.nextData(raw)).toBe('"Hello"');
  });

  it('sendToAll with an object, a number and a boolean keeps the JSON value', async () => {
    const hub = uniqueHub();
    const json = await h.json({ hub });
    const raw = await h.raw({ hub });
    const svc = h.service(hub);
    await svc.sendToAll({ n: 1, nested: { ok: true }, list: [1, 'a'] });
    await svc.sendToAll(42);
    await svc.sendToAll(false);
    expect(await h.nextData(json)).toEqual(
      serverMessage('json', { n: 1, nested: { ok: true }, list: [1, 'a'] }),
    );
    expect(await h.nextData(json)).toEqual(serverMessage('json', 42));
    expect(await h.nextData(json)).toEqual(serverMessage('json', false));
    expect(await h.nextData(raw)).toBe('{"n":1,"nested":{"ok":true},"list":[1,"a"]}');
    expect(await h.nextData(raw)).toBe('42');
    expect(await h.nextData(raw)).toBe('false');
  });

  it('sendToAll with contentType text/plain delivers text', async () => {
    const hub = uniqueHub();
    const json = await h.json({ hub });
    const raw = await h.raw({ hub });
    await h.service(hub).sendToAll('plain "text" ✓', { contentType: 'text/plain' });
    expect(await h.nextData(json)).toEqual(serverMessage('text', 'plain "text" ✓'));
    expect(await h.nextData(raw)).toBe('plain "text" ✓');
  });

  it('sendToAll with binary bodies (Buffer, ArrayBuffer, Uint8Array) delivers binary', async () => {
    const hub = uniqueHub();
    const json = await h.json({ hub });
    const raw = await h.raw({ hub });
    const bytes = Buffer.from([0, 1, 2, 127, 128, 255]);
    const svc = h.service(hub);
    await svc.sendToAll(bytes);
    await svc.sendToAll(new Uint8Array([9, 8, 7]).buffer);
    await svc.sendToAll(new Uint8Array([0xff, 0]));
    expect(await h.nextData(json)).toEqual(serverMessage('binary', bytes.toString('base64')));
    expect(await h.nextData(json)).toEqual(serverMessage('binary', 'CQgH'));
    expect(await h.nextData(json)).toEqual(serverMessage('binary', '/wA='));
    const frame = await h.nextData(raw);
    expect(Buffer.isBuffer(frame)).toBe(true);
    expect(frame).toEqual(bytes);
    expect(await h.nextData(raw)).toEqual(Buffer.from([9, 8, 7]));
    expect(await h.nextData(raw)).toEqual(Buffer.from([0xff, 0]));
  });

  it('sendToAll skips excluded connections', async () => {
    const hub = uniqueHub();
    const a = await h.json({ hub });
    const b = await h.json({ hub });
    const c = await h.raw({ hub });
    await h.service(hub).sendToAll('not for b or c', {
      excludedConnections: [b.connectionId, c.connectionId],
    });
    expect(await h.nextData(a)).toEqual(serverMessage('json', 'not for b or c'));
    await h.expectSilence(b, c);
  });

  it('sendToAll honours an OData filter built with the odata helper, quotes included', async () => {
    const hub = uniqueHub();
    const group = uniqueName("o'brien");
    const quoted = await h.json({ hub, userId: uniqueName("vic's") });
    const member = await h.raw({ hub, groups: [group] });
    const other = await h.json({ hub });
    const svc = h.service(hub);
    await svc.sendToAll('by user', { filter: odata`userId eq ${quoted.userId}` });
    await svc.sendToAll('by group', { filter: odata`${group} in groups` });
    await svc.sendToAll('by id', {
      filter: odata`connectionId eq ${other.connectionId} or userId eq ${null}`,
    });
    expect(await h.nextData(quoted)).toEqual(serverMessage('json', 'by user'));
    expect(await h.nextData(member)).toBe('"by group"');
    expect(await h.nextData(other)).toEqual(serverMessage('json', 'by id'));
    await h.expectSilence(quoted, member, other);
  });

  it('sendToAll combines filter and excluded, and accepts messageTtlSeconds 0..300', async () => {
    const hub = uniqueHub();
    const group = uniqueName('g');
    const a = await h.json({ hub, groups: [group] });
    const b = await h.json({ hub, groups: [group] });
    const outside = await h.json({ hub });
    const svc = h.service(hub);
    await svc.sendToAll('ttl', {
      filter: odata`${group} in groups`,
      excludedConnections: [b.connectionId],
      messageTtlSeconds: 300,
    });
    await svc.sendToAll('ttl0', { messageTtlSeconds: 0, excludedConnections: [b.connectionId] });
    expect(await h.nextData(a)).toEqual(serverMessage('json', 'ttl'));
    expect(await h.nextData(a)).toEqual(serverMessage('json', 'ttl0'));
    expect(await h.nextData(outside)).toEqual(serverMessage('json', 'ttl0'));
    await h.expectSilence(a, b, outside);
  });

  it('sendToUser reaches every connection of the user, optionally narrowed by a filter', async () => {
    const userId = uniqueName('u');
    const group = uniqueName('g');
    const one = await h.json({ userId });
    const two = await h.raw({ userId, groups: [group] });
    const stranger = await h.json();
    const svc = h.service();
    await svc.sendToUser(userId, { to: 'both' });
    expect(await h.nextData(one)).toEqual(serverMessage('json', { to: 'both' }));
    expect(await h.nextData(two)).toBe('{"to":"both"}');
    await svc.sendToUser(userId, 'grouped only', {
      contentType: 'text/plain',
      filter: odata`${group} in groups`,
    });
    expect(await h.nextData(two)).toBe('grouped only');
    await svc.sendToUser(userId, Buffer.from('bin'), { messageTtlSeconds: 10 });
    expect(await h.nextData(one)).toEqual(serverMessage('binary', 'Ymlu'));
    expect(await h.nextData(two)).toEqual(Buffer.from('bin'));
    await h.expectSilence(one, two, stranger);
  });

  it('sendToUser keeps a "/" in the user id inside its path segment', async () => {
    const userId = `${uniqueName('team')}/alice`;
    const peer = await h.json({ userId });
    await h.service().sendToUser(userId, 'slash');
    expect(await h.nextData(peer)).toEqual(serverMessage('json', 'slash'));
    await h.service().sendToUser(userId.split('/')[0]!, 'prefix only');
    await h.expectSilence(peer);
  });

  it('sendToConnection reaches only that connection, in every content type', async () => {
    const target = await h.json();
    const rawTarget = await h.raw();
    const bystander = await h.json();
    const svc = h.service();
    await svc.sendToConnection(target.connectionId, { hello: 'you' });
    await svc.sendToConnection(target.connectionId, 'txt', { contentType: 'text/plain' });
    await svc.sendToConnection(target.connectionId, Buffer.from([1, 2]), { messageTtlSeconds: 5 });
    await svc.sendToConnection(rawTarget.connectionId, Buffer.from([3, 4]));
    expect(await h.nextData(target)).toEqual(serverMessage('json', { hello: 'you' }));
    expect(await h.nextData(target)).toEqual(serverMessage('text', 'txt'));
    expect(await h.nextData(target)).toEqual(serverMessage('binary', 'AQI='));
    expect(await h.nextData(rawTarget)).toEqual(Buffer.from([3, 4]));
    await h.expectSilence(target, rawTarget, bystander);
  });

  it('hub names match case-insensitively', async () => {
    const hub = uniqueHub();
    const peer = await h.json({ hub: hub.toUpperCase() });
    await h.service(hub.toLowerCase()).sendToAll('any case');
    expect(await h.nextData(peer)).toEqual(serverMessage('json', 'any case'));
    expect(await h.service(`${hub.toUpperCase()}`).connectionExists(peer.connectionId)).toBe(true);
  });

  it('sends to nobody (missing connection, user, group) are accepted and deliver nothing', async () => {
    const peer = await h.json();
    const svc = h.service();
    await svc.sendToConnection('no-such-connection', 'x');
    await svc.sendToUser(uniqueName('nobody'), 'x');
    await svc.group(uniqueName('empty')).sendToAll('x');
    await h.expectSilence(peer);
  });

  it('group.sendToAll reaches members only, honouring excluded, filter and text/plain', async () => {
    const group = uniqueName('g');
    const a = await h.json({ groups: [group] });
    const b = await h.raw({ groups: [group] });
    const c = await h.json({ groups: [group] });
    const outsider = await h.json();
    const g = h.service().group(group);
    await g.sendToAll({ all: true });
    expect(await h.nextData(a)).toEqual(groupMessage(group, 'json', { all: true }));
    expect(await h.nextData(b)).toBe('{"all":true}');
    expect(await h.nextData(c)).toEqual(groupMessage(group, 'json', { all: true }));
    await g.sendToAll('not c', {
      contentType: 'text/plain',
      excludedConnections: [c.connectionId],
    });
    expect(await h.nextData(a)).toEqual(groupMessage(group, 'text', 'not c'));
    expect(await h.nextData(b)).toBe('not c');
    await g.sendToAll(Buffer.from([7]), {
      filter: odata`userId eq ${b.userId}`,
      messageTtlSeconds: 30,
    });
    expect(await h.nextData(b)).toEqual(Buffer.from([7]));
    await h.expectSilence(a, b, c, outsider);
  });
});
