// The CloudEvents headers and HMAC signature a naive gateway floor sends upstream (PERF-BASELINES
// §2.4 `+CE`): what any Web PubSub service puts on an event, and nothing more.
import { createHmac } from 'node:crypto';

const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFG=';
let eventId = 0;

export function ceHeaders(
  connectionId: string,
  type: string,
  event: string,
  contentType: string,
): Record<string, string> {
  return {
    'content-type': contentType,
    'ce-specversion': '1.0',
    'ce-type': type,
    'ce-source': `/hubs/bench/client/${connectionId}`,
    'ce-id': String(++eventId),
    'ce-time': new Date().toISOString(),
    'ce-awpsversion': '1.0',
    'ce-hub': 'bench',
    'ce-eventName': event,
    'ce-connectionId': connectionId,
    'ce-userId': 'user1',
    'ce-signature': `sha256=${createHmac('sha256', KEY).update(connectionId).digest('hex')}`,
    'webhook-request-origin': '127.0.0.1',
  };
}
