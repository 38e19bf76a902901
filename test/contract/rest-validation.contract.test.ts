// REST input validation with raw, correctly signed HTTP: invalid group and hub names, bad OData
// filters, invalid JSON, unsupported content types, oversized bodies, out-of-range
// messageTtlSeconds, unknown permissions, unknown paths, wrong methods, bad paging parameters.
// Each refusal carries the service's error shape, delivers nothing, and leaves the emulator working.
import { Readable } from 'node:stream';

import { beforeEach, describe, expect, it } from 'vitest';

import { MAX_MESSAGE_BYTES } from '../../packages/wire/src';
import { uniqueName } from '../setup/emulator';
import type { Peer, RawRequest } from '../setup/rest';
import { API_VERSION, expectServiceError, uniqueHub, useRestHarness } from '../setup/rest';

describe('REST input validation', () => {
  const h = useRestHarness();
  let hub: string;
  let group: string;
  let json: Peer;
  let raw: Peer;

  beforeEach(async () => {
    hub = uniqueHub();
    group = uniqueName('g');
    json = await h.json({ hub, groups: [group] });
    raw = await h.raw({ hub, groups: [group] });
  });

  const api = (path: string) => `/api/hubs/${hub}${path}`;
  const text = (extra: RawRequest = {}): RawRequest => ({
    method: 'POST',
    contentType: 'text/plain',
    body: 'must not arrive',
    ...extra,
  });

  async function refused(path: string, req: RawRequest, status: number, code: string) {
    const res = await h.request(path, req);
    if (req.method === 'HEAD') {
      expect(res.status, `${req.method} ${path}`).toBe(status);
      expect(res.headers.get('x-ms-error-code')).toBe(code);
      expect(res.text).toBe('');
    } else {
      expectServiceError(res, status, code);
    }
    return res;
  }
  const badRequest = (path: string, req: RawRequest) => refused(path, req, 400, 'Error.BadRequest');

  it('invalid group names (white space only, over 1024 characters) are 400 on every group route', async () => {
    for (const name of ['%20%20%20', '%09', encodeURIComponent('g'.repeat(1025))]) {
      await badRequest(api(`/groups/${name}/:send`), text());
      await badRequest(api(`/groups/${name}`), { method: 'HEAD' });
      await badRequest(api(`/groups/${name}/connections`), { method: 'GET' });
      await badRequest(api(`/groups/${name}/connections/${json.connectionId}`), { method: 'PUT' });
      await badRequest(api(`/groups/${name}/:closeConnections`), { method: 'POST' });
      await badRequest(api(`/users/${json.userId}/groups/${name}`), { method: 'PUT' });
      await badRequest(api(`/permissions/joinLeaveGroup/connections/${json.connectionId}`), {
        method: 'PUT',
        query: { targetName: decodeURIComponent(name) },
      });
    }
    const addToGroups = await badRequest(api('/:addToGroups'), {
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({ groups: ['ok', '  '], filter: '' }),
    });
    expect(addToGroups.json).toMatchObject({ message: expect.stringContaining('group') });
    const longest = 'g'.repeat(1024);
    expect((await h.request(api(`/groups/${longest}/:send`), text())).status).toBe(202);
    expect(await h.service(hub).connectionExists(json.connectionId)).toBe(true);
    expect(await h.service(hub).groupExists(longest)).toBe(false);
    await h.expectSilence(json, raw);
  });

  it('an invalid hub name is 400', async () => {
    for (const bad of ['1hub', 'hub-name', 'h'.repeat(129)]) {
      await badRequest(`/api/hubs/${bad}/:send`, text());
    }
    await h.expectSilence(json, raw);
  });

  it('a bad OData filter is 400 Error.BadRequest on every filtered operation', async () => {
    const filters = [
      'userId eq',
      "userId eq 'unterminated",
      "nosuchfield eq 'x'",
      "userId eq 'a' and",
      "(userId eq 'a'",
      'contains(userId)',
      "nosuch(userId) eq 'x'",
      "groups eq 'g'",
      'userId',
      '   ',
    ];
    for (const filter of filters) {
      const res = await badRequest(api('/:send'), text({ query: { filter } }));
      expect(res.json).toMatchObject({ message: expect.stringMatching(/filter/i) });
      await badRequest(api(`/groups/${group}/:send`), text({ query: { filter } }));
      await badRequest(api(`/users/${json.userId}/:send`), text({ query: { filter } }));
      await badRequest(api('/:addToGroups'), {
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify({ groups: [uniqueName('g')], filter }),
      });
    }
    await h.expectSilence(json, raw);
  });

  it('invalid JSON bodies are 400; groups bodies need a groups array', async () => {
    for (const body of ['{not json', '', "'single'", '{"a":1}}']) {
      await badRequest(api('/:send'), { method: 'POST', contentType: 'application/json', body });
      await badRequest(api(`/connections/${json.connectionId}/:send`), {
        method: 'POST',
        contentType: 'application/json; charset=utf-8',
        body,
      });
    }
    for (const body of ['{', '{}', '{"groups":[]}', '{"groups":"g"}', '[]']) {
      await badRequest(api('/:addToGroups'), {
        method: 'POST',
        contentType: 'application/json',
        body,
      });
      await badRequest(api('/:removeFromGroups'), {
        method: 'POST',
        contentType: 'application/json',
        body,
      });
    }
    expect(await h.service(hub).groupExists(group)).toBe(true);
    await h.expectSilence(json, raw);
  });

  it('unsupported or missing content types are 415; charset parameters are fine', async () => {
    // A Buffer body, so that fetch adds no Content-Type of its own when there is none.
    const body = Buffer.from('must not arrive');
    for (const contentType of ['application/xml', 'text/html', 'multipart/form-data', undefined]) {
      for (const path of [api('/:send'), api(`/users/${json.userId}/:send`)]) {
        await refused(path, text({ contentType, body }), 415, 'Error.UnsupportedMediaType');
      }
    }
    await h.expectSilence(json, raw);
    const ok = await h.request(api(`/connections/${raw.connectionId}/:send`), {
      ...text({ contentType: 'TEXT/PLAIN; charset=utf-8' }),
      body: 'charset ok',
    });
    expect(ok.status).toBe(202);
    expect(await h.nextData(raw)).toBe('charset ok');
  });

  it('bodies over 1 MiB are 413, declared or streamed; exactly 1 MiB is delivered', async () => {
    const big = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x61);
    const octet = { method: 'POST', contentType: 'application/octet-stream' };
    await refused(api('/:send'), { ...octet, body: big }, 413, 'Error.PayloadTooLarge');
    await refused(
      api(`/groups/${group}/:send`),
      { ...octet, body: big },
      413,
      'Error.PayloadTooLarge',
    );
    // Chunked, with no Content-Length: refused while reading.
    const url = `${h.emulator().url}${api('/:send')}?api-version=${API_VERSION}`;
    const streamed = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${h.sign(url)}`,
        'content-type': 'application/octet-stream',
      },
      body: Readable.toWeb(
        Readable.from([big.subarray(0, 600_000), big.subarray(600_000)]),
      ) as never,
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('x-ms-error-code')).toBe('Error.PayloadTooLarge');
    await streamed.body?.cancel();
    await h.expectSilence(json, raw);

    const exact = big.subarray(0, MAX_MESSAGE_BYTES);
    await h.service(hub).sendToConnection(raw.connectionId, exact);
    const frame = (await h.nextData(raw)) as Buffer;
    expect(frame.equals(exact)).toBe(true); // (toEqual on a MiB is slow)
  });

  it('messageTtlSeconds outside 0..300 is 400 on every send', async () => {
    for (const ttl of ['301', '-1', '1.5', 'abc', '']) {
      const query = { messageTtlSeconds: ttl };
      await badRequest(api('/:send'), text({ query }));
      await badRequest(api(`/groups/${group}/:send`), text({ query }));
      await badRequest(api(`/users/${json.userId}/:send`), text({ query }));
      await badRequest(api(`/connections/${json.connectionId}/:send`), text({ query }));
    }
    expect(
      (await h.request(api('/:send'), text({ query: { messageTtlSeconds: '300' } }))).status,
    ).toBe(202);
    expect(await h.nextData(raw)).toBe('must not arrive');
    expect(await h.nextData(json)).toMatchObject({ data: 'must not arrive' });
    await h.expectSilence(json, raw);
  });

  it('unknown permission names are 400 for grant, revoke and check', async () => {
    for (const permission of ['admin', 'sendToGroups', 'joinLeaveGroup.x']) {
      const path = api(`/permissions/${permission}/connections/${json.connectionId}`);
      const query = { targetName: group };
      await badRequest(path, { method: 'PUT', query });
      await badRequest(path, { method: 'DELETE', query });
      await badRequest(path, { method: 'HEAD', query });
    }
    const svc = h.service(hub);
    expect(await svc.hasPermission(json.connectionId, 'sendToGroup', { targetName: group })).toBe(
      false,
    );
    json.client.sendJson({ type: 'joinGroup', group: uniqueName('g'), ackId: 1 });
    expect(await json.client.next((f) => f.type === 'ack')).toMatchObject({ success: false });
  });

  it('unknown paths are 404 and wrong methods 405, whatever the token', async () => {
    for (const path of ['/api/nothing', api('/:explode'), api('/users'), '/', '/api/hubs']) {
      await refused(path, { method: 'POST' }, 404, 'Error.NotFound');
      await refused(path, { method: 'GET', authorization: null }, 404, 'Error.NotFound');
    }
    const wrong: [string, string][] = [
      ['GET', api('/:send')],
      ['PUT', api('/:send')],
      ['PATCH', api(`/connections/${json.connectionId}`)],
      ['GET', api(`/connections/${json.connectionId}`)],
      ['DELETE', api(`/groups/${group}`)],
      ['POST', '/api/health'],
      ['GET', '/api/health'],
      ['POST', api(`/groups/${group}/connections`)],
    ];
    for (const [method, path] of wrong) {
      const body = method === 'GET' ? undefined : '';
      await refused(path, { method, body }, 405, 'Error.MethodNotAllowed');
    }
    const res = await h.request(api(`/connections/${json.connectionId}`), { method: 'PUT' });
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'HEAD']);
    const health = await h.request('/api/health', { method: 'GET' });
    expect(health.headers.get('allow')).toBe('HEAD');
    expect(await h.service(hub).connectionExists(json.connectionId)).toBe(true);
    expect(await h.service(hub).groupExists(group)).toBe(true);
    await h.expectSilence(json, raw);
  });

  it('HEAD on a missing connection, user, group or permission is a bare 404', async () => {
    for (const path of [
      api(`/connections/${uniqueName('missing')}`),
      api(`/users/${uniqueName('nobody')}`),
      api(`/groups/${uniqueName('empty')}`),
      api(`/permissions/sendToGroup/connections/${uniqueName('missing')}?targetName=g`),
    ]) {
      const res = await h.request(path, { method: 'HEAD' });
      expect(res.status, path).toBe(404);
      expect(res.text).toBe('');
    }
    expect(
      (await h.request(api(`/connections/${json.connectionId}`), { method: 'HEAD' })).status,
    ).toBe(200);
  });

  it('bad paging parameters and continuation tokens are 400', async () => {
    const list = api(`/groups/${group}/connections`);
    const queries: Record<string, string>[] = [
      { continuationToken: 'not-a-token' },
      { continuationToken: Buffer.from('{"after":1}').toString('base64url') },
      { continuationToken: '' },
      { maxpagesize: '0' },
      { maxpagesize: '201' },
      { maxpagesize: 'ten' },
      { top: '0' },
      { top: '-3' },
    ];
    for (const query of queries) await badRequest(list, { method: 'GET', query });
    const ok = await h.request(list, { method: 'GET', query: { maxpagesize: '1' } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      value: [{ connectionId: expect.any(String) }],
      nextLink: expect.any(String),
    });
    await h.expectSilence(json, raw);
  });
});
