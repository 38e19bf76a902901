// Group presence events (`joined` / `left`) to event handlers that subscribe to them, judged by
// the official @azure/web-pubsub-express 1.1 handler (onGroupJoined / onGroupLeft): joins and leaves
// by the client, by the connect response, by REST and by disconnect, in order per connection.
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import type { GroupJoinedRequest, GroupLeftRequest } from '@azure/web-pubsub-express';
import type { RunningEmulator } from '@wps-local/emulator';
import { startEmulator } from '@wps-local/emulator';
import { negotiate, recordClient, stopAllClients } from '@wps-local/test-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { conditionWaiter } from '../setup/condition';
import { uniqueName } from '../setup/emulator';
import type { RecordingHandler } from '../setup/recording-handler';
import { startRecordingHandler } from '../setup/recording-handler';
import type { TestUpstream } from '../setup/upstream';
import { startExpressUpstream } from '../setup/upstream';

const HUB = 'presencehub';
const FILTERED = 'presencefiltered';

describe('group presence events through @azure/web-pubsub-express', () => {
  let emulator: RunningEmulator;
  let upstream: TestUpstream & { badSignatures: number };
  let recorder: RecordingHandler;
  /** Per connection, in arrival order: `connected`, `joined:g`, `left:g`, `disconnected`. */
  const seen = new Map<string, string[]>();
  const joinedRequests: GroupJoinedRequest[] = [];
  const { changed, until } = conditionWaiter();
  const record = (connectionId: string, what: string) => {
    seen.set(connectionId, [...(seen.get(connectionId) ?? []), what]);
    changed();
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, logLevel: 'silent', upstreamRetryDelaysMs: [10] });
    upstream = await startExpressUpstream(HUB, emulator.accessKey, {
      allowedEndpoints: [emulator.url],
      handleConnect(req, res) {
        res.success({ groups: req.queries?.group ?? undefined });
      },
      onConnected: (req) => record(req.context.connectionId, 'connected'),
      onDisconnected: (req) => record(req.context.connectionId, 'disconnected'),
      onGroupJoined(req) {
        joinedRequests.push(req);
        record(req.context.connectionId, `joined:${req.group}`);
      },
      onGroupLeft: (req: GroupLeftRequest) => record(req.context.connectionId, `left:${req.group}`),
    });
    emulator.configureHub(HUB, {
      eventHandlers: [
        {
          urlTemplate: upstream.url,
          systemEvents: ['connect', 'connected', 'disconnected'],
          groupPresenceEvents: { eventNames: ['joined', 'left'] },
        },
      ],
    });
    recorder = await startRecordingHandler();
    emulator.configureHub(FILTERED, {
      eventHandlers: [
        {
          urlTemplate: `${recorder.hubSettings().eventHandlers![0]!.urlTemplate}`,
          groupPresenceEvents: { eventNames: ['left'], groupFilters: ['room.*', 'lobby'] },
        },
      ],
    });
  });
  afterEach(() => stopAllClients());
  afterAll(async () => {
    await emulator.close();
    await upstream.close();
    await recorder.close();
  });

  const service = (hub = HUB) =>
    new WebPubSubServiceClient(emulator.connectionString, hub, { allowInsecureConnection: true });

  it('sends joined / left for client joins and leaves, with the group and the connection context', async () => {
    const group = uniqueName('g');
    const userId = uniqueName('u');
    const rc = recordClient(negotiate(service, { userId, roles: ['webpubsub.joinLeaveGroup'] }));
    const id = await rc.start();
    await rc.client.joinGroup(group);
    await rc.client.joinGroup(group); // already a member: no second event
    await rc.client.leaveGroup(group);
    await rc.client.leaveGroup(group); // not a member any more: nothing
    rc.client.stop();
    await until(() => seen.get(id)?.includes('disconnected') === true);
    expect(seen.get(id)).toEqual(['connected', `joined:${group}`, `left:${group}`, 'disconnected']);
    const joined = joinedRequests.find((r) => r.context.connectionId === id)!;
    expect(joined.group).toBe(group);
    expect(joined.context).toMatchObject({ hub: HUB, userId, eventName: 'joined' });
    const post = upstream.requests.find(
      (r) => r.headers['ce-connectionid'] === id && r.headers['ce-eventname'] === 'left',
    );
    expect(post?.headers).toMatchObject({
      'ce-type': 'azure.webpubsub.gp.left',
      'content-type': expect.stringMatching(/^application\/json/),
    });
    expect(upstream.badSignatures).toBe(0);
  });

  it('sends joined after connected for the connect response groups, and left for each before disconnected', async () => {
    const [a, b] = [uniqueName('a'), uniqueName('b')];
    const { url } = await service().getClientAccessToken({ userId: uniqueName('u') });
    const rc = recordClient(() => Promise.resolve(`${url}&group=${a}&group=${b}`));
    const id = await rc.start();
    await until(() => (seen.get(id)?.length ?? 0) >= 3);
    rc.client.stop();
    await until(() => seen.get(id)?.includes('disconnected') === true);
    const events = seen.get(id)!;
    expect(events.slice(0, 3)).toEqual(['connected', `joined:${a}`, `joined:${b}`]);
    expect(events.slice(3, -1).sort()).toEqual([`left:${a}`, `left:${b}`]);
    expect(events.at(-1)).toBe('disconnected');
  });

  it('sends joined / left for REST membership changes by connection, user and group', async () => {
    const [g1, g2] = [uniqueName('r'), uniqueName('r')];
    const userId = uniqueName('u');
    const rc = recordClient(negotiate(service, { userId }));
    const id = await rc.start();
    await service().group(g1).addConnection(id);
    await service().group(g2).addUser(userId);
    await service().group(g1).removeConnection(id);
    await service().removeConnectionFromAllGroups(id);
    await until(() => (seen.get(id)?.length ?? 0) >= 5);
    expect(seen.get(id)).toEqual([
      'connected',
      `joined:${g1}`,
      `joined:${g2}`,
      `left:${g1}`,
      `left:${g2}`,
    ]);
  });

  it('honours eventNames and groupFilters (wildcards as in group roles)', async () => {
    const userId = uniqueName('u');
    const rc = recordClient(negotiate(() => service(FILTERED), { userId }));
    const id = await rc.start();
    const svc = service(FILTERED);
    for (const g of ['room.a', 'room.a.b', 'lobby', 'other']) await svc.group(g).addConnection(id);
    for (const g of ['room.a', 'room.a.b', 'lobby', 'other'])
      await svc.group(g).removeConnection(id);
    await recorder.until(
      () => recorder.received.filter((r) => r.headers['ce-connectionid'] === id).length >= 2,
      'two left events',
    );
    // Give anything that should not come a moment to arrive.
    await new Promise((r) => setTimeout(r, 100));
    const events = recorder.received
      .filter((r) => r.headers['ce-connectionid'] === id)
      .map((r) => [r.headers['ce-type'], JSON.parse(r.body.toString()) as unknown]);
    expect(events).toEqual([
      ['azure.webpubsub.gp.left', { group: 'room.a' }],
      ['azure.webpubsub.gp.left', { group: 'lobby' }],
    ]);
  });
});
