// The local stack with a faulty network at each hop of a room message, for the exactly-once suite:
// - the app's storage (blob, queue, table) behind proxies that can lose replies;
// - the emulator behind one proxy for all its clients: the host's REST calls (output actions, the
//   service SDK) and the chat clients' WebSockets. The app's WebPubSubConnectionString names the
//   proxy, so the tokens it signs name the proxy too (`aud`), which is where clients and REST calls
//   then reach the emulator: it checks the audience against the address it was reached at, as the
//   service does, with no exception for tests. The proxy loses REST replies and cuts links;
// - the hub's event handler (the host's webhook) behind a proxy that loses replies.
// `killHost()` is `kill -9` of the host and its worker, then the host again on its port, with the
// webhook routed through its proxy again.
import { EmulatorManagementClient, WELL_KNOWN_ACCESS_KEY } from '@wps-local/emulator';
import type { LocalStack } from '@wps-local/test-kit';
import { startLocalStack } from '@wps-local/test-kit';

import { TEST_HUB } from './emulator';
import { REPO_ROOT } from './host';
import { groupGone, groupMembers } from './process-group';
import type { ReplyDropProxy } from './reply-drop-proxy';
import { startReplyDropProxy } from './reply-drop-proxy';
import type { StackHost } from './stack';

const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface FaultStack {
  stack: LocalStack;
  host: StackHost;
  /** Between the host and the emulator (REST), and between the chat clients and the emulator. */
  emulator: ReplyDropProxy;
  /** Between the emulator and the host's webhook. */
  webhook: ReplyDropProxy;
  /** Between the app and Azurite. */
  storage: { blob: ReplyDropProxy; queue: ReplyDropProxy; table: ReplyDropProxy };
  /** `kill -9` of the host (process group: host and worker), then the host again on its port. */
  killHost(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  // Proxies first, named in the app's settings; they reach their servers once those have ports.
  let started!: (s: LocalStack) => void;
  const stackUp = new Promise<LocalStack>((resolve) => (started = resolve));
  const portOf = (url: (s: LocalStack) => string) =>
    stackUp.then((s) => Number(new URL(url(s)).port));
  const storage = {
    blob: await startReplyDropProxy(portOf((s) => s.storageUrls.blob)),
    queue: await startReplyDropProxy(portOf((s) => s.storageUrls.queue)),
    table: await startReplyDropProxy(portOf((s) => s.storageUrls.table)),
  };
  const emulator = await startReplyDropProxy(portOf((s) => s.emulatorUrl));
  const at = (p: ReplyDropProxy) => `http://127.0.0.1:${p.port}/devstoreaccount1`;
  const accessKey = process.env.EMULATOR_ACCESS_KEY || WELL_KNOWN_ACCESS_KEY;
  const stack = await startLocalStack({
    appDir: REPO_ROOT,
    settings: {
      WebPubSubHub: TEST_HUB,
      WebPubSubConnectionString: `Endpoint=http://localhost:${emulator.port};AccessKey=${accessKey};Version=1.0;`,
      AzureWebJobsStorage:
        `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};` +
        `BlobEndpoint=${at(storage.blob)};QueueEndpoint=${at(storage.queue)};` +
        `TableEndpoint=${at(storage.table)};`,
    },
  });
  started(stack);
  const hostPort = Number(new URL(stack.appUrl).port);
  const webhook = await startReplyDropProxy(hostPort);
  // Straight to the emulator: hub settings are no part of the faults.
  const management = new EmulatorManagementClient(stack.emulatorUrl, accessKey);
  const routeWebhook = async () => {
    const hub = (await management.hubs())[TEST_HUB];
    if (!hub) throw new Error(`the emulator has no hub ${TEST_HUB}`);
    await management.configureHub(TEST_HUB, {
      ...hub,
      eventHandlers: (hub.eventHandlers ?? []).map((h) => ({
        ...h,
        urlTemplate: h.urlTemplate.replace(`:${hostPort}/`, `:${webhook.port}/`),
      })),
    });
  };
  await routeWebhook();
  const host = (): StackHost => ({
    url: stack.appUrl,
    keys: { functionKey: stack.keys.function, masterKey: stack.keys.master },
  });
  return {
    stack,
    get host() {
      return host();
    },
    emulator,
    webhook,
    storage,
    async killHost() {
      const group = stack.hostPid;
      // On Linux, check that the group holds the host's language worker too (what the kill must end).
      if (group !== undefined && process.platform === 'linux' && groupMembers(group).length < 2)
        throw new Error(`the host's process group ${group} has no worker process`);
      await stack.killHost();
      if (Number(new URL(stack.appUrl).port) !== hostPort) throw new Error('the host moved');
      // The whole group died, the language worker too.
      if (group === undefined || stack.hostPid === group)
        throw new Error('the host was not replaced');
      if (process.platform !== 'win32' && !(await groupGone(group)))
        throw new Error(`process group ${group} outlived the kill`);
      // Starting again configured the hubs from the app: the webhook goes through its proxy again.
      await routeWebhook();
    },
    async close() {
      await stack.close();
      for (const p of [webhook, emulator, ...Object.values(storage)]) await p.close();
    },
  };
}
