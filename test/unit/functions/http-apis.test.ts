// The HTTP functions called directly: negotiate without a principal or with guests off, the room
// APIs' checks (the history schema on the query), the publish body, the web client's file names.
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { guestConnectionInput } from '../../../bindings';
import { httpErrorSchema } from '../../../chat-contract/negotiate';
import { closeUserConnections, groupMembership } from '../../../functions/admin';
import { negotiate, negotiateGuest } from '../../../functions/negotiate';
import { publish } from '../../../functions/publish';
import { roomMessages } from '../../../functions/rooms';
import { useServices } from '../../../functions/shared/app-services';
import { webClient } from '../../../functions/web-client';
import { memoryServices } from './memory-services';

const get = (url: string, params: Record<string, string> = {}) =>
  new HttpRequest({ url: `http://localhost${url}`, method: 'GET', params });
const errorOf = (jsonBody: unknown) => httpErrorSchema.parse(jsonBody).error;

beforeEach(() => useServices(memoryServices()));
afterEach(() => useServices(undefined));

describe('negotiate', () => {
  it('is 401 without a principal', async () => {
    const response = await negotiate(get('/api/negotiate'), new InvocationContext());
    expect(response.status).toBe(401);
    expect(errorOf(response.jsonBody).code).toBe('Unauthenticated');
  });

  it('writes no profile row for a guest (connect needs none, so none piles up)', async () => {
    const services = memoryServices();
    useServices(services);
    const context = new InvocationContext();
    const claims = Buffer.from(JSON.stringify({ sub: 'guest-1' })).toString('base64url');
    context.extraInputs.set(guestConnectionInput, {
      baseUrl: 'ws://x',
      url: 'ws://x?access_token=t',
      accessToken: `h.${claims}.s`,
    });
    const response = negotiateGuest(get('/api/negotiate/guest'), context);
    expect(response.jsonBody).toMatchObject({ userId: 'guest-1', roles: [] });
    expect(await services.profiles.get('guest-1')).toBeUndefined();
  });

  it('is 403 for guests when guests are off', () => {
    useServices(memoryServices({ allowGuests: false }));
    const response = negotiateGuest(get('/api/negotiate/guest'), new InvocationContext());
    expect([response.status, errorOf(response.jsonBody).code]).toEqual([403, 'GuestsDisabled']);
  });
});

describe('roomMessages', () => {
  it.each([
    [{ room: 'no spaces' }, '', 'InvalidRoom'],
    [{ room: 'lobby' }, '?since=-1', 'InvalidRequest'],
    [{ room: 'lobby' }, '?limit=201', 'InvalidRequest'],
    [{ room: 'lobby' }, '?limit=x', 'InvalidRequest'],
    [{ room: 'lobby' }, '?before=0', 'InvalidRequest'],
  ])('refuses %j%s with %s', async (params, query, code) => {
    const response = await roomMessages(get(`/api/rooms/r/messages${query}`, params));
    expect([response.status, errorOf(response.jsonBody).code]).toEqual([400, code]);
  });

  it('answers the history page', async () => {
    const response = await roomMessages(
      get('/api/rooms/lobby/messages?since=0&limit=5', { room: 'lobby' }),
    );
    expect(response.jsonBody).toEqual({
      type: 'history',
      room: 'lobby',
      messages: [],
      changes: [],
      latestSeq: 0,
      hasMore: false,
      hasOlder: false,
    });
    const older = await roomMessages(get('/api/rooms/lobby/messages?before=3', { room: 'lobby' }));
    expect(older.jsonBody).toMatchObject({ type: 'history', messages: [], hasOlder: false });
  });
});

describe('publish', () => {
  it.each([
    ['not JSON', '{oops', 'InvalidJson'],
    [
      'text that is not a string',
      JSON.stringify({ to: { all: true }, data: 1, dataType: 'text' }),
      'InvalidRequest',
    ],
    [
      'text with object data',
      JSON.stringify({ to: { user: 'u' }, data: { a: [1] }, dataType: 'text' }),
      'InvalidRequest',
    ],
    [
      '2,000 nested arrays',
      `{"to":{"all":true},"data":${'['.repeat(2000)}${']'.repeat(2000)}}`,
      'InvalidJson',
    ],
  ])('refuses %s with a 400, before any service call', async (_name, body, code) => {
    const request = new HttpRequest({
      url: 'http://localhost/api/publish',
      method: 'POST',
      body: { string: body },
    });
    const response = await publish(request);
    expect([response.status, errorOf(response.jsonBody).code]).toEqual([400, code]);
  });
});

describe('names that go into REST paths', () => {
  const post = (body: unknown) =>
    publish(
      new HttpRequest({
        url: 'http://localhost/api/publish',
        method: 'POST',
        body: { string: JSON.stringify(body) },
      }),
    );
  it.each([
    { user: '..' },
    { user: '.' },
    { group: '..' },
    { connection: '..' },
    { group: '   ' },
    { user: 'x'.repeat(1025) },
  ])('publish refuses to %j with a 400 before any service call', async (to) => {
    // memoryServices() has no service client: reaching it would throw, not answer 400.
    const response = await post({ to, data: { n: 1 } });
    expect([response.status, errorOf(response.jsonBody).code]).toEqual([400, 'InvalidRequest']);
  });

  it.each([
    ['PUT', { group: '..', userId: 'ada' }],
    ['DELETE', { group: 'g', userId: '.' }],
  ])('admin group membership %s %j is 400 InvalidName', async (method, params) => {
    const request = new HttpRequest({ url: 'http://localhost/api/admin', method, params });
    const response = await groupMembership(request);
    expect([response.status, errorOf(response.jsonBody).code]).toEqual([400, 'InvalidName']);
  });

  it('admin close user connections refuses ".."', async () => {
    const request = new HttpRequest({
      url: 'http://localhost/api/admin/users/x/connections',
      method: 'DELETE',
      params: { userId: '..' },
    });
    const response = await closeUserConnections(request);
    expect([response.status, errorOf(response.jsonBody).code]).toEqual([400, 'InvalidName']);
  });
});

describe('webClient', () => {
  it.each(['../secrets', '.hidden', 'app.exe', 'nothere.js'])('is 404 for %s', async (file) => {
    const response = await webClient(get(`/${file}`, { file }));
    expect([response.status, errorOf(response.jsonBody).code]).toEqual([404, 'NotFound']);
  });
});
