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
import type { CompiledPattern, PatternMatcher } from './wildcard';
import { compilePattern, WILDCARD_LIMITS } from './wildcard';

/** Per permission: literal groups (roles + overrides), patterns; per pattern: length, `*` chars. */
export const PERMISSION_LIMITS = {
  maxLiterals: 1000,
  maxPatterns: 10,
  maxPatternLength: WILDCARD_LIMITS.maxPatternLength,
  maxStars: WILDCARD_LIMITS.maxStars, // unescaped `*` characters; a `**` counts two
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

/** Parses a role's wildcard pattern; a 400 naming the role on any syntax or size violation. */
function compileRolePattern(pattern: string, role: string): CompiledPattern {
  const compiled = compilePattern(pattern);
  if ('error' in compiled) {
    throw badRequest(`Invalid group pattern in role '${role}': ${compiled.error}`, 'role');
  }
  return compiled;
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
          const compiled = compileRolePattern(role.slice(PATTERN_PREFIX[permission].length), role);
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
