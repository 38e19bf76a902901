// The inspector's view of live state: hubs with their connections, groups and users, and the
// faults in force. Built on request from the indexes the emulator already keeps.
import { faultView } from '../faults/registry';
import type { ClientConnection } from '../state/connection';
import type { ConnectionHub as Hub, HubRegistry } from '../state/hub-registry';
import type { InspectorTap } from './tap';

export interface ConnectionView {
  id: string;
  userId: string | null;
  subprotocol: string | null;
  groups: string[];
  roles: readonly string[];
  connectedSince: number | null;
  /** null for non-reliable clients. */
  reliable: { state: 'attached' | 'recovering'; unacked: number } | null;
  framesIn: number;
  framesOut: number;
}

export interface HubView {
  name: string;
  configured: boolean;
  connections: ConnectionView[];
  groups: { name: string; members: string[] }[];
  users: { id: string; connections: string[] }[];
}

export interface InspectorState {
  hubs: HubView[];
  faults: ReturnType<typeof faultView>[];
  /** Whether the live log is being written (someone watches). */
  watching: boolean;
}

export function snapshot(hubs: HubRegistry, tap: InspectorTap): InspectorState {
  const configured = new Set(Object.keys(hubs.settings()).map((h) => h.toLowerCase()));
  const views = new Map<string, HubView>();
  for (const hub of hubs.all()) views.set(hub.name.toLowerCase(), hubView(hub, tap, configured));
  for (const name of Object.keys(hubs.settings())) {
    if (!views.has(name.toLowerCase()) && name !== '_default') {
      views.set(name.toLowerCase(), {
        name,
        configured: true,
        connections: [],
        groups: [],
        users: [],
      });
    }
  }
  return {
    hubs: [...views.values()].sort((a, b) => a.name.localeCompare(b.name)),
    faults: tap.faults.list().map(faultView),
    watching: tap.log.watching,
  };
}

function hubView(hub: Hub, tap: InspectorTap, configured: ReadonlySet<string>): HubView {
  const connections = [...hub.connections.values()].map((c) => connectionView(c, tap));
  const groups = new Map<string, string[]>();
  const users = new Map<string, string[]>();
  for (const c of connections) {
    for (const g of c.groups) push(groups, g, c.id);
    if (c.userId !== null) push(users, c.userId, c.id);
  }
  return {
    name: hub.name,
    configured: configured.has(hub.name.toLowerCase()),
    connections,
    groups: [...groups].sort().map(([name, members]) => ({ name, members })),
    users: [...users].sort().map(([id, conns]) => ({ id, connections: conns })),
  };
}

function connectionView(conn: ClientConnection, tap: InspectorTap): ConnectionView {
  return {
    id: conn.id,
    userId: conn.userId,
    subprotocol: conn.subprotocol,
    groups: [...conn.groups].sort(),
    roles: conn.permissions.roles(),
    connectedSince: tap.connectedSince(conn) ?? null,
    reliable: conn.reliable
      ? { state: conn.socket ? 'attached' : 'recovering', unacked: conn.reliable.size }
      : null,
    framesIn: conn.framesIn,
    framesOut: conn.framesOut,
  };
}

function push(index: Map<string, string[]>, key: string, id: string): void {
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}
