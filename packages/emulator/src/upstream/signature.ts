// `ce-signature`: HMAC-SHA256 of the connection id, keyed with the UTF-8 access key.
import { createHmac } from 'node:crypto';

export function computeSignature(accessKey: string, connectionId: string): string {
  return 'sha256=' + createHmac('sha256', accessKey).update(connectionId).digest('hex');
}
