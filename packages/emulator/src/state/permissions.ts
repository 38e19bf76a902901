// Group permissions of one client connection: token roles plus REST grant/revoke overrides.
// Sources: azure-docs azure-web-pubsub/includes/reference-permission.md and
// concept-wildcard-group-roles.md (role forms, `?` `*` `**` `\`, at most five `*`); the official
// emulator (Azure/azure-webpubsub tools/emulator/.../Permissions/*.cs, Constants.cs) for limits and
// for joinLeaveGroup and sendToGroup being independent: neither implies the other.
// REST targetName: the 2024-12-01 spec (azure-rest-api-specs webpubsub/data-plane routes.tsp) says
// it is required for both permissions and the official emulator answers 400 without it; the old
// "absent = all targets" wording lives only in 2021 SDK comments. So no target is a 400 here.
// A grant/revoke overrides the roles for exactly that group, both ways (the official emulator keeps
// allowed/denied literals): revoking g denies g even under `webpubsub.joinLeaveGroup`.
import { isValidGroupName, type Permission, ROLES } from '@wps-local/wire';

import { badRequest } from '../errors';

/** Per permission: literal groups (roles + overrides), patterns; per pattern: length, `*` chars. */
export const PERMISSION_LIMITS = {
  maxLiterals: 1000,
  maxPatterns: 10,
  maxPatternLength: 1024,
  maxStars: 5, // unescaped `*` characters; a `**` counts two
} as const;

const LITERAL_PREFIX = {
  joinLeaveGroup: `${ROLES.joinLeaveGroup}.`,
  sendToGroup: `${ROLES.sendToGroup}.`,
};
const PATTERN_PREFIX = {
  joinLeaveGroup: `${ROLES.joinLeaveGroups}.`,
  sendToGroup: `${ROLES.sendToGroups}.`,
};
const PERMISSIONS: readonly Permission[] = ['joinLeaveGroup', 'sendToGroup'];

// Pattern tokens: one literal char, `?`, `*` (within a segment), `**` (across segments).
const [LIT, ONE, SEG, ANY] = [0, 1, 2, 3];
const DOT = 0x2e;

/**
 * A compiled wildcard pattern, matched by simulating its automaton over the input: O(input ×
 * tokens) whatever the input, where a backtracking RegExp with five stars could be polynomial of
 * degree five on a hostile group name.
 */
class PatternMatcher {
  private readonly cur: Uint8Array;
  private readonly next: Uint8Array;
  constructor(
    private readonly kinds: Uint8Array,
    private readonly codes: Uint16Array,
  ) {
    this.cur = new Uint8Array(kinds.length + 1);
    this.next = new Uint8Array(kinds.length + 1);
  }

  matches(input: string): boolean {
    const { kinds, codes } = this;
    const m = kinds.length;
    let cur = this.cur;
    let next = this.next;
    cur.fill(0);
    cur[0] = 1;
    this.close(cur);
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      next.fill(0);
      for (let j = 0; j < m; j++) {
        if (cur[j] === 0) continue;
        const kind = kinds[j];
        if (kind === LIT) {
          if (codes[j] === c) next[j + 1] = 1;
        } else if (kind === ONE) {
          if (c !== DOT) next[j + 1] = 1;
        } else if (kind === ANY || c !== DOT) {
          next[j] = 1; // a star consumes the char and stays
        }
      }
      if (!this.close(next)) return false;
      [cur, next] = [next, cur];
    }
    return cur[m] === 1;
  }

  /** Stars may match nothing: activate the state after each active star. False if none is active. */
  private close(states: Uint8Array): boolean {
    let any = false;
    for (let j = 0; j < this.kinds.length; j++) {
      if (states[j] === 0) continue;
      any = true;
      const kind = this.kinds[j];
      if (kind === SEG || kind === ANY) states[j + 1] = 1;
    }
    return any || states[this.kinds.length] === 1;
  }
}

type Compiled =
  | { kind: 'literal'; group: string }
  | { kind: 'all' }
  | { kind: 'pattern'; matcher: PatternMatcher };

/** Parse a wildcard pattern; throws a 400 naming the role on any syntax or size violation. */
function compilePattern(pattern: string, role: string): Compiled {
  const fail = (why: string) =>
    badRequest(`Invalid group pattern in role '${role}': ${why}`, 'role');
  if (pattern.length === 0) throw fail('the pattern is empty.');
  if (pattern.length > PERMISSION_LIMITS.maxPatternLength) {
    throw fail(`the pattern is longer than ${PERMISSION_LIMITS.maxPatternLength} characters.`);
  }
  const kinds: number[] = [];
  const codes: number[] = [];
  let stars = 0;
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === '\\') {
      const escaped = pattern[i + 1];
      if (escaped === undefined) throw fail('it ends with a lone backslash.');
      if (escaped !== '*' && escaped !== '?' && escaped !== '\\') {
        throw fail(`'\\${escaped}' is not an escape; only \\*, \\? and \\\\ are.`);
      }
      kinds.push(LIT);
      codes.push(escaped.charCodeAt(0));
      i += 2;
    } else if (ch === '*') {
      let end = i;
      while (pattern[end] === '*') end++;
      stars += end - i;
      kinds.push(end - i >= 2 ? ANY : SEG); // `***` behaves as `**`, as in the official emulator
      codes.push(0);
      i = end;
    } else {
      kinds.push(ch === '?' ? ONE : LIT);
      codes.push(pattern.charCodeAt(i));
      i += 1;
    }
  }
  if (stars > PERMISSION_LIMITS.maxStars) {
    throw fail(`it has more than ${PERMISSION_LIMITS.maxStars} '*' characters.`);
  }
  if (kinds.every((k) => k === LIT)) {
    return { kind: 'literal', group: String.fromCharCode(...codes) };
  }
  if (kinds.length === 1 && kinds[0] === ANY) return { kind: 'all' };
  return {
    kind: 'pattern',
    matcher: new PatternMatcher(Uint8Array.from(kinds), Uint16Array.from(codes)),
  };
}

/** The rules of one permission: allow-all, patterns, and literal overrides that win over both. */
class GroupRules {
  all = false;
  readonly patterns: PatternMatcher[] = [];
  /** group -> allowed; false only where a REST revoke denies what a role allows. */
  readonly literals = new Map<string, boolean>();

  allows(group: string): boolean {
    const literal = this.literals.get(group);
    return literal ?? this.byRoles(group);
  }

  /** Override one group; an override equal to what the roles say is dropped, not stored. */
  set(group: string, allowed: boolean, onLimit: () => Error): void {
    if (this.byRoles(group) === allowed) {
      this.literals.delete(group);
      return;
    }
    if (!this.literals.has(group) && this.literals.size >= PERMISSION_LIMITS.maxLiterals) {
      throw onLimit();
    }
    this.literals.set(group, allowed);
  }

  private byRoles(group: string): boolean {
    if (this.all) return true;
    for (const p of this.patterns) if (p.matches(group)) return true;
    return false;
  }
}

/** The group a REST call targets; the permission is re-checked as it may come from a URL. */
function requireTarget(permission: Permission, targetName: string | undefined): string {
  if (permission !== 'joinLeaveGroup' && permission !== 'sendToGroup') {
    throw badRequest(`Unknown permission '${String(permission)}'.`, 'permission');
  }
  if (!isValidGroupName(targetName)) {
    throw badRequest(
      `'targetName' must be a group name (1 to 1024 characters, not only white space) for '${permission}'.`,
      'targetName',
    );
  }
  return targetName;
}

const tooMany = (limit: number, role: string) =>
  badRequest(`More than ${limit} '${role}' roles.`, 'role');

const overrideLimit = (permission: Permission) =>
  // The official emulator answers 409 Error.Connection.Conflict; errors.ts has no such helper.
  badRequest(
    `The connection has reached ${PERMISSION_LIMITS.maxLiterals} group overrides for '${permission}'.`,
    'targetName',
  );

export class ConnectionPermissions {
  // Rules exist only for permissions a role or grant touched: a role-less connection is one
  // object with two empty slots.
  private readonly rules: Partial<Record<Permission, GroupRules>> = {};

  private constructor(private readonly tokenRoles: readonly string[]) {}

  /** From token / connect-response roles. Throws a 400 on an invalid pattern or exceeded limit. */
  static fromRoles(roles: readonly string[]): ConnectionPermissions {
    const unique = [...new Set(roles)];
    const perms = new ConnectionPermissions(unique);
    if (unique.length === 0) return perms;
    for (const permission of PERMISSIONS) {
      const literals: string[] = [];
      let patterns = 0;
      for (const role of unique) {
        if (role === ROLES[permission]) {
          perms.rulesFor(permission).all = true;
        } else if (role.startsWith(PATTERN_PREFIX[permission])) {
          const compiled = compilePattern(role.slice(PATTERN_PREFIX[permission].length), role);
          if (compiled.kind === 'literal') literals.push(compiled.group);
          else if (compiled.kind === 'all') perms.rulesFor(permission).all = true;
          else if (++patterns > PERMISSION_LIMITS.maxPatterns) {
            throw tooMany(PERMISSION_LIMITS.maxPatterns, `${PATTERN_PREFIX[permission]}<pattern>`);
          } else perms.rulesFor(permission).patterns.push(compiled.matcher);
        } else if (role.startsWith(LITERAL_PREFIX[permission])) {
          const group = role.slice(LITERAL_PREFIX[permission].length);
          // Like the official emulator, an unusable group name grants nothing rather than failing.
          if (isValidGroupName(group)) literals.push(group);
        }
        // Anything else (other webpubsub.* names, foreign roles) is kept and grants nothing.
      }
      // Literals after patterns, so those a pattern already covers do not count towards the limit.
      const literalRole = `${LITERAL_PREFIX[permission]}<group>`;
      for (const group of literals) {
        perms
          .rulesFor(permission)
          .set(group, true, () => tooMany(PERMISSION_LIMITS.maxLiterals, literalRole));
      }
    }
    return perms;
  }

  canJoinLeave(group: string): boolean {
    return this.rules.joinLeaveGroup?.allows(group) ?? false;
  }

  canSendTo(group: string): boolean {
    return this.rules.sendToGroup?.allows(group) ?? false;
  }

  /** REST grant: allow exactly `targetName` (required), whatever the roles say. */
  grant(permission: Permission, targetName?: string): void {
    const group = requireTarget(permission, targetName);
    this.rulesFor(permission).set(group, true, () => overrideLimit(permission));
  }

  /** REST revoke: deny exactly `targetName` (required), even if a role allows it. */
  revoke(permission: Permission, targetName?: string): void {
    const group = requireTarget(permission, targetName);
    // No rules means nothing is allowed: already revoked.
    this.rules[permission]?.set(group, false, () => overrideLimit(permission));
  }

  /** REST check: whether the connection may act on `targetName` (required) now. */
  check(permission: Permission, targetName?: string): boolean {
    const group = requireTarget(permission, targetName);
    return this.rules[permission]?.allows(group) ?? false;
  }

  /**
   * The role strings the connection holds now: token roles (unknown ones too) minus literal roles
   * revoked since, plus `webpubsub.<permission>.<group>` per REST grant. A revoke carved out of an
   * all-groups or pattern role has no role form.
   */
  roles(): string[] {
    const out = new Set<string>();
    for (const role of this.tokenRoles) {
      const revoked = PERMISSIONS.some((p) => {
        if (!role.startsWith(LITERAL_PREFIX[p])) return false;
        const group = role.slice(LITERAL_PREFIX[p].length);
        return isValidGroupName(group) && !(this.rules[p]?.allows(group) ?? false);
      });
      if (!revoked) out.add(role);
    }
    for (const p of PERMISSIONS) {
      for (const [group, allowed] of this.rules[p]?.literals ?? []) {
        if (allowed) out.add(LITERAL_PREFIX[p] + group);
      }
    }
    return [...out];
  }

  private rulesFor(permission: Permission): GroupRules {
    return (this.rules[permission] ??= new GroupRules());
  }
}
