// The emulator and an offline host wired like the real service and app: hub `bench`'s event
// handler is the host's /runtime/webhooks/webpubsub, and the host's settings point at the emulator.
import type { Child } from './child';
import type { BenchContext } from './context';
import type { CpuSource } from './cpu-group';
import { childCpu, CpuGroup } from './cpu-group';
import type { HostChild } from './host-child';
import { startHostChild } from './host-child';
import { HUB } from './tokens';

export interface StackOptions {
  app: string;
  /** App settings besides the Web PubSub ones (storage, chat settings). */
  settings?: Record<string, string>;
  /** System events sent to the host (user events always are). */
  systemEvents: ('connect' | 'connected' | 'disconnected')[];
  /** More processes whose CPU belongs to the path (e.g. Azurite). */
  extraCpu?: CpuSource[];
  /** Rewrites the webhook URL the hub calls (e.g. through a counting proxy). */
  webhookVia?: (webhook: string) => string;
}

export interface BenchStack {
  emulator: Child;
  host: HostChild;
  /** The emulator's access key: client and REST tokens. */
  key: string;
  /** Emulator, host and any extra processes. */
  cpu: CpuGroup;
}

export async function startStack(ctx: BenchContext, o: StackOptions): Promise<BenchStack> {
  const emulator = await ctx.start('servers', 'emulator-hub-server');
  const host = await startHostChild(ctx, o.app, {
    WebPubSubConnectionString: emulator.info.connectionString as string,
    WebPubSubHub: HUB,
    ...o.settings,
  });
  await emulator.call('hub', {
    name: HUB,
    settings: {
      eventHandlers: [
        {
          urlTemplate: o.webhookVia ? o.webhookVia(host.webhook) : host.webhook,
          userEventPattern: '*',
          systemEvents: o.systemEvents,
        },
      ],
    },
  });
  const cpu = new CpuGroup([
    childCpu('emulator', emulator),
    childCpu('host', host.child),
    ...(o.extraCpu ?? []),
  ]);
  return { emulator, host, key: emulator.info.accessKey as string, cpu };
}

export async function stopStack(ctx: BenchContext, s: BenchStack): Promise<void> {
  await Promise.all([ctx.stop(s.host.child), ctx.stop(s.emulator)]);
}
