// The app's edges through the whole local stack: negotiate, the publish API and its key, the
// notifications queue and its poison queue, occupancy events, and a forged webhook call.
import { QueueClient } from '@azure/storage-queue';
import { stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { httpErrorSchema, negotiateResultSchema } from '../../chat-contract/negotiate';
import type { OccupancyEvent } from '../../chat-contract/server-api';
import { occupancyEventSchema } from '../../chat-contract/server-api';
import { uniqueName } from '../setup/emulator';
import { eventually } from '../setup/eventually';
import { BANNED_USER, principalHeaders, useStack } from '../setup/stack';
import { chatUser } from './chat-user';

const { host, azurite } = useStack({
  // Fail fast in tests: two attempts, no wait between them, quick polling.
  AzureFunctionsJobHost__extensions__queues__maxDequeueCount: '2',
  AzureFunctionsJobHost__extensions__queues__visibilityTimeout: '00:00:00',
  AzureFunctionsJobHost__extensions__queues__maxPollingInterval: '00:00:00.200',
});
afterEach(stopAllClients);

const queue = (name: string) => new QueueClient(azurite().connectionString, name);
const sendJson = async (name: string, value: unknown) => {
  await queue(name).createIfNotExists();
  // The app's host.json sets messageEncoding "none": the SDK's plain text, as producers send it.
  await queue(name).sendMessage(JSON.stringify(value));
};
async function drain(name: string): Promise<unknown[]> {
  const q = queue(name);
  await q.createIfNotExists();
  const { receivedMessageItems } = await q.receiveMessages({ numberOfMessages: 32 });
  return receivedMessageItems.map((m) => JSON.parse(m.messageText) as unknown);
}

describe('negotiate', () => {
  it('gives a signed-in principal a URL for their own user id, whatever the query says', async () => {
    const res = await fetch(`${host().url}/api/negotiate?userId=someone-else`, {
      headers: principalHeaders({ id: 'ada-id', name: 'Ada', roles: ['admin'] }),
    });
    const body = negotiateResultSchema.parse(await res.json());
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ userId: 'ada-id', roles: ['admin'] });
    const claims = JSON.parse(
      Buffer.from(body.accessToken.split('.')[1] ?? '', 'base64url').toString(),
    ) as { sub: string };
    expect(claims.sub).toBe('ada-id');
    expect(body.url).toContain('/client/hubs/chat?access_token=');
  });

  it('does not negotiate without a principal', async () => {
    const res = await fetch(`${host().url}/api/negotiate?userId=forged`);
    expect(res.ok).toBe(false);
  });

  it('gives guests a generated id when guests are allowed, and they can chat', async () => {
    const guest = await chatUser(host().url, 'guest');
    expect(guest.rc.connected[0]?.userId).toMatch(/^guest-[0-9a-f-]{36}$/);
  });

  it('refuses a banned user at connect', async () => {
    await expect(chatUser(host().url, { id: BANNED_USER })).rejects.toThrow();
  });
});

describe('publish API', () => {
  it('needs a function key', async () => {
    const res = await fetch(`${host().url}/api/publish`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
  });

  it('sends to a user, and rejects a bad body with a clear 400', async () => {
    const id = uniqueName('u');
    const u = await chatUser(host().url, { id });
    const post = (body: unknown) =>
      fetch(`${host().url}/api/publish`, {
        method: 'POST',
        headers: { 'x-functions-key': host().keys.functionKey, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({ to: { nobody: true }, data: 1 });
    expect(bad.status).toBe(400);
    expect(httpErrorSchema.parse(await bad.json()).error.code).toBe('InvalidRequest');
    const ok = await post({
      to: { user: id },
      data: { type: 'notification', title: 'From the API', level: 'info' },
    });
    expect(ok.status).toBe(202);
    await u.waitFor('notification', (p) => p.title === 'From the API', 'the published message');
  });
});

describe('queues', () => {
  it('pushes a queued notification to the user', async () => {
    const id = uniqueName('u');
    const u = await chatUser(host().url, { id });
    await sendJson('notifications', { to: { user: id }, title: 'Queued', level: 'success' });
    expect(await u.waitFor('notification', () => true, 'the notification')).toMatchObject({
      title: 'Queued',
      level: 'success',
    });
  });

  it('keeps a bad notification in the poison queue after its retries', async () => {
    const marker = uniqueName('bad');
    await sendJson('notifications', { to: { nowhere: marker }, title: 'x' });
    let poison: unknown[] = [];
    await eventually(
      async () => {
        poison = [...poison, ...(await drain('notifications-poison'))];
        return poison.some((m) => JSON.stringify(m).includes(marker));
      },
      'the poison message',
      15_000,
      100,
    );
  });

  it('puts room_occupied and room_vacated on the occupancy queue', async () => {
    const room = uniqueName('occ');
    const u = await chatUser(host().url, { id: uniqueName('u') });
    await u.send('join', { room });
    await u.waitFor('joined', () => true, 'joined');
    await u.send('leave', { room });
    await u.waitFor('left', () => true, 'left');
    let events: OccupancyEvent[] = [];
    await eventually(
      async () => {
        events = [
          ...events,
          ...(await drain('occupancy')).map((e) => occupancyEventSchema.parse(e)),
        ];
        const mine = events.filter((e) => e.room === room).map((e) => e.name);
        return mine.includes('room_occupied') && mine.includes('room_vacated');
      },
      'both occupancy events',
      10_000,
      100,
    );
  });
});

describe('webhook', () => {
  it('refuses an event whose signature is forged', async () => {
    const res = await fetch(`${host().url}/runtime/webhooks/webpubsub`, {
      method: 'POST',
      headers: {
        'ce-specversion': '1.0',
        'ce-type': 'azure.webpubsub.user.message',
        'ce-source': '/hubs/chat/client/c1',
        'ce-id': '1',
        'ce-time': new Date().toISOString(),
        'ce-awpsversion': '1.0',
        'ce-hub': 'chat',
        'ce-eventName': 'message',
        'ce-connectionId': 'c1',
        'ce-userId': 'mallory',
        'ce-signature': 'sha256=0000',
        'webhook-request-origin': 'localhost',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ to: { all: true }, text: 'forged' }),
    });
    expect(res.status).toBe(401);
  });
});
