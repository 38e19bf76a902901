// HS256 JWTs keyed with the AccessKey's UTF-8 bytes, as the extension's .NET SDK signs them for
// client URLs and for its own REST calls.
import { createHmac } from 'node:crypto';

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signHs256(claims: Record<string, unknown>, accessKey: string): string {
  const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac('sha256', accessKey).update(unsigned).digest('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
