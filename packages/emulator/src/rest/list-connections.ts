// GET /groups/{group}/connections: members ordered by connection id, so a continuation token (the
// last id returned) stays valid while members come and go.
import { MAX_PAGE_SIZE } from '@wps-local/wire';

import { badRequest } from '../errors';
import type { RestContext } from './rest-context';

interface Continuation {
  after: string;
  remaining?: number;
}

export function listConnectionsInGroup(c: RestContext): void {
  const group = c.group();
  const pageSize = c.positiveInt('maxpagesize', MAX_PAGE_SIZE) ?? MAX_PAGE_SIZE;
  const token = readToken(c.query('continuationToken'));
  const remaining = token?.remaining ?? c.positiveInt('top');
  const members = [...(c.existingHub()?.group(group) ?? [])]
    .filter((conn) => token === undefined || conn.id > token.after)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const take = Math.min(pageSize, remaining ?? Infinity);
  const page = members.slice(0, take);
  const left = remaining === undefined ? undefined : remaining - page.length;
  const more = members.length > page.length && (left === undefined || left > 0);
  const value = page.map((conn) => ({ connectionId: conn.id, userId: conn.userId ?? undefined }));
  const body: { value: typeof value; nextLink?: string } = { value };
  if (more) {
    const next = new URL(c.url.href);
    next.search = '';
    const cont: Continuation = {
      after: page[page.length - 1]!.id,
      ...(left !== undefined ? { remaining: left } : {}),
    };
    next.searchParams.set('maxpagesize', String(pageSize));
    next.searchParams.set(
      'continuationToken',
      Buffer.from(JSON.stringify(cont)).toString('base64url'),
    );
    next.searchParams.set('api-version', c.query('api-version') ?? '2024-12-01');
    body.nextLink = `${c.emulator.endpoint}${next.pathname}${next.search}`;
  }
  c.send(200, body);
}

function readToken(text: string | undefined): Continuation | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Continuation;
    if (typeof parsed.after === 'string') return parsed;
  } catch {
    // fall through to the error below
  }
  throw badRequest('The continuationToken is not valid.', 'continuationToken');
}
