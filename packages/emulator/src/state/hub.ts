// One hub's live state: its connections, indexed by id, by group and by user, so every routing
// decision is a map lookup rather than a scan.
import type { ClientConnection } from './connection';

export class Hub {
  readonly connections = new Map<string, ClientConnection>();
  private readonly groups = new Map<string, Set<ClientConnection>>();
  private readonly users = new Map<string, Set<ClientConnection>>();

  constructor(readonly name: string) {}

  add(conn: ClientConnection): void {
    this.connections.set(conn.id, conn);
    if (conn.userId !== null) addTo(this.users, conn.userId, conn);
  }

  remove(conn: ClientConnection): void {
    if (this.connections.get(conn.id) !== conn) return;
    this.connections.delete(conn.id);
    if (conn.userId !== null) removeFrom(this.users, conn.userId, conn);
    this.removeFromAllGroups(conn);
  }

  addToGroup(conn: ClientConnection, group: string): void {
    if (conn.groups.has(group)) return;
    conn.groups.add(group);
    addTo(this.groups, group, conn);
  }

  removeFromGroup(conn: ClientConnection, group: string): void {
    if (!conn.groups.delete(group)) return;
    removeFrom(this.groups, group, conn);
  }

  removeFromAllGroups(conn: ClientConnection): void {
    for (const group of conn.groups) removeFrom(this.groups, group, conn);
    conn.groups.clear();
  }

  group(name: string): ReadonlySet<ClientConnection> | undefined {
    return this.groups.get(name);
  }

  user(id: string): ReadonlySet<ClientConnection> | undefined {
    return this.users.get(id);
  }
}

function addTo(index: Map<string, Set<ClientConnection>>, key: string, conn: ClientConnection) {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(conn);
}

function removeFrom(
  index: Map<string, Set<ClientConnection>>,
  key: string,
  conn: ClientConnection,
) {
  const set = index.get(key);
  if (!set) return;
  set.delete(conn);
  if (set.size === 0) index.delete(key);
}
