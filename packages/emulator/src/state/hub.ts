// One hub's live state: its connections, indexed by id, by group and by user, so every routing
// decision is a map lookup rather than a scan.
/** What the indexes need of a connection; the connection class itself lives apart. */
export interface HubMember {
  readonly id: string;
  readonly userId: string | null;
  readonly groups: Set<string>;
}

/** Hears every change of group membership, whoever made it (client, connect response, REST, end). */
export type MembershipListener<C> = (member: C, group: string, joined: boolean) => void;

export class Hub<C extends HubMember = HubMember> {
  readonly connections = new Map<string, C>();
  private readonly groups = new Map<string, Set<C>>();
  private readonly users = new Map<string, Set<C>>();

  constructor(
    readonly name: string,
    private readonly onMembership: MembershipListener<C> = () => undefined,
  ) {}

  add(conn: C): void {
    this.connections.set(conn.id, conn);
    if (conn.userId !== null) addTo(this.users, conn.userId, conn);
  }

  remove(conn: C): void {
    if (this.connections.get(conn.id) !== conn) return;
    this.connections.delete(conn.id);
    if (conn.userId !== null) removeFrom(this.users, conn.userId, conn);
    this.removeFromAllGroups(conn);
  }

  addToGroup(conn: C, group: string): void {
    if (conn.groups.has(group)) return;
    conn.groups.add(group);
    addTo(this.groups, group, conn);
    this.onMembership(conn, group, true);
  }

  removeFromGroup(conn: C, group: string): void {
    if (!conn.groups.delete(group)) return;
    removeFrom(this.groups, group, conn);
    this.onMembership(conn, group, false);
  }

  removeFromAllGroups(conn: C): void {
    const groups = [...conn.groups];
    conn.groups.clear();
    for (const group of groups) {
      removeFrom(this.groups, group, conn);
      this.onMembership(conn, group, false);
    }
  }

  group(name: string): ReadonlySet<C> | undefined {
    return this.groups.get(name);
  }

  user(id: string): ReadonlySet<C> | undefined {
    return this.users.get(id);
  }
}

function addTo<C>(index: Map<string, Set<C>>, key: string, conn: C) {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(conn);
}

function removeFrom<C>(index: Map<string, Set<C>>, key: string, conn: C) {
  const set = index.get(key);
  if (!set) return;
  set.delete(conn);
  if (set.size === 0) index.delete(key);
}
