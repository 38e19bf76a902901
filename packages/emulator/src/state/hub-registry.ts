// Hubs by name (case-insensitive, as the service matches them), each with its compiled event
// handlers; a hub named `_default` supplies handlers to hubs that have no settings of their own.
import type { HubSettings } from '../config';
import type { CompiledHandler } from '../upstream/handlers';
import { compileHandlers } from '../upstream/handlers';
import type { ClientConnection } from './connection';
import type { MembershipListener } from './hub';
import { Hub } from './hub';

/** A hub whose members are client connections. */
export type ConnectionHub = Hub<ClientConnection>;

const DEFAULT_HUB = '_default';

export class HubRegistry {
  private readonly hubs = new Map<string, ConnectionHub>();
  private readonly handlers = new Map<string, CompiledHandler[]>();
  private readonly names = new Map<string, string>();
  private readonly configured = new Map<string, HubSettings>();
  /** Set once by the server: where group presence changes go (the upstream dispatcher). */
  onMembership: MembershipListener<ClientConnection> = () => undefined;

  constructor(settings: Record<string, HubSettings> = {}) {
    for (const [name, hub] of Object.entries(settings)) this.configure(name, hub);
  }

  /** Sets (or replaces) a hub's event handlers at run time. */
  configure(name: string, settings: HubSettings): void {
    const key = name.toLowerCase();
    this.names.set(key, name);
    this.handlers.set(key, compileHandlers(settings.eventHandlers ?? []));
    this.configured.set(key, settings);
  }

  /** Every hub's settings as configured, by the name first given. */
  settings(): Record<string, HubSettings> {
    return Object.fromEntries(
      [...this.configured].map(([key, settings]) => [this.names.get(key) ?? key, settings]),
    );
  }

  /** Drops every hub's live state (the caller has ended their connections); settings stay. */
  forgetState(): void {
    this.hubs.clear();
  }

  /** The hub's live state, created on first use. */
  get(name: string): ConnectionHub {
    const key = name.toLowerCase();
    let hub = this.hubs.get(key);
    if (!hub)
      this.hubs.set(
        key,
        (hub = new Hub<ClientConnection>(this.names.get(key) ?? name, (c, g, joined) =>
          this.onMembership(c, g, joined),
        )),
      );
    return hub;
  }

  /** Looks a hub up without creating it (REST reads on an unknown hub find nothing). */
  peek(name: string): ConnectionHub | undefined {
    return this.hubs.get(name.toLowerCase());
  }

  /** The hub's own settings, else `_default`'s, else none: what anonymousConnectPolicy and keep-alive read. */
  settingsFor(name: string): HubSettings {
    return this.configured.get(name.toLowerCase()) ?? this.configured.get(DEFAULT_HUB) ?? {};
  }

  handlersFor(name: string): readonly CompiledHandler[] {
    return this.handlers.get(name.toLowerCase()) ?? this.handlers.get(DEFAULT_HUB) ?? [];
  }

  all(): IterableIterator<ConnectionHub> {
    return this.hubs.values();
  }
}
