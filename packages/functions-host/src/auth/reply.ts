// Writing the sign-in endpoints' answers: a status, headers and a body, never cached.
import type { ServerResponse } from 'node:http';

export interface AuthReply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export function send(res: ServerResponse, reply: AuthReply): void {
  res.statusCode = reply.status;
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.end(reply.body);
}

export function json(status: number, value: unknown): AuthReply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}

export function jsonError(status: number, code: string, message: string): AuthReply {
  return json(status, { error: { code, message } });
}

export function html(status: number, body: string): AuthReply {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // The page has no scripts; its styles are inline.
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}
