// Per-request helpers for REST operations: path parameters, validated query values, the body.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Permission } from '@wps-local/wire';
import {
  isValidGroupName,
  MAX_MESSAGE_BYTES,
  MAX_MESSAGE_TTL_SECONDS,
  PERMISSIONS,
} from '@wps-local/wire';

import type { EmulatorContext } from '../context';
import { badRequest, invalidGroupName, payloadTooLarge } from '../errors';
import type { FilterPredicate } from '../filter';
import { compileFilter } from '../filter';
import { readLimited } from '../read-limited';
import type { ConnectionHub } from '../state/hub-registry';

export class RestContext {
  constructor(
    readonly emulator: EmulatorContext,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly url: URL,
    readonly params: Readonly<Record<string, string>>,
  ) {}

  /** The hub's state, created on first use (writes). */
  hub(): ConnectionHub {
    return this.emulator.hubs.get(this.param('hub'));
  }

  /** The hub's state if it has ever been used (reads and sends need nothing more). */
  existingHub(): ConnectionHub | undefined {
    return this.emulator.hubs.peek(this.param('hub'));
  }

  param(name: string): string {
    return this.params[name] ?? '';
  }

  group(): string {
    const g = this.param('group');
    if (!isValidGroupName(g)) throw invalidGroupName();
    return g;
  }

  permission(): Permission {
    const p = this.param('permission');
    const match = PERMISSIONS.find((x) => x.toLowerCase() === p.toLowerCase());
    if (!match)
      throw badRequest(`Unknown permission '${p}'; use ${PERMISSIONS.join(' or ')}.`, 'permission');
    return match;
  }

  query(name: string): string | undefined {
    return this.url.searchParams.get(name) ?? undefined;
  }

  excluded(): ReadonlySet<string> | undefined {
    const list = this.url.searchParams.getAll('excluded');
    return list.length ? new Set(list) : undefined;
  }

  /** Only an absent or empty filter means "no filter"; white space alone is an invalid filter. */
  filter(): FilterPredicate | undefined {
    const text = this.query('filter');
    return text === undefined || text === '' ? undefined : compileFilter(text);
  }

  /** `messageTtlSeconds` is validated; delivery is immediate (nothing is queued for later). */
  validateTtl(): void {
    const ttl = this.query('messageTtlSeconds');
    if (ttl === undefined) return;
    const n = Number(ttl);
    if (!/^\d+$/.test(ttl) || n > MAX_MESSAGE_TTL_SECONDS) {
      throw badRequest(
        `messageTtlSeconds must be an integer from 0 to ${MAX_MESSAGE_TTL_SECONDS}.`,
        'messageTtlSeconds',
      );
    }
  }

  positiveInt(name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.query(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 1 || n > max) {
      throw badRequest(`${name} must be an integer from 1 to ${max}.`, name);
    }
    return n;
  }

  /** The request body, refused with 413 past the service's 1 MiB limit. */
  async body(limit = MAX_MESSAGE_BYTES): Promise<Buffer> {
    const declared = Number(this.req.headers['content-length'] ?? 0);
    if (declared > limit) {
      this.req.resume();
      throw payloadTooLarge(limit);
    }
    const body = await readLimited(this.req, limit);
    if (!body) {
      this.req.resume();
      throw payloadTooLarge(limit);
    }
    return body;
  }

  send(status: number, json?: unknown): void {
    if (json === undefined) {
      this.res.writeHead(status, { 'content-length': 0 });
      this.res.end();
      return;
    }
    const body = JSON.stringify(json);
    this.res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    this.res.end(body);
  }
}
