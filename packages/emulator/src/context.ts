// What every part of a running emulator shares: keys, addresses, hubs, the upstream dispatcher.
import type { KnownOrigin } from './auth/audience';
import type { InspectorTap } from './inspector/tap';
import type { Logger } from './logger';
import type { Fanout } from './routing';
import type { HubRegistry } from './state/hub-registry';
import type { UpstreamDispatcher } from './upstream/dispatcher';
import type { ConnectionLifecycle } from './ws/lifecycle';

export interface EmulatorContext {
  accessKey: string;
  /** http://host:port as written in the connection string. */
  endpoint: string;
  origin: KnownOrigin;
  hubs: HubRegistry;
  dispatcher: UpstreamDispatcher;
  lifecycle: ConnectionLifecycle;
  fanout: Fanout;
  /** How long an invocation waits for the event handler before it answers `Timeout`. */
  invokeTimeoutMs: number;
  log: Logger;
  /** The inspector's hooks (live log, faults); absent when the inspector is off. */
  tap?: InspectorTap;
}
