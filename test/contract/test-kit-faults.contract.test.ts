// The test kit's inspector and faults on a whole local stack (the host's plain-JS test app): a
// throttled REST call from the host's output actions is retried after Retry-After, a dropped
// connection is recovered, and reset() clears every fault.
import type { LocalStack } from '@wps-local/test-kit';
import { payloads, startLocalStack } from '@wps-local/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REPO_ROOT } from '../setup/host';

const APP = `${REPO_ROOT}/test/fixtures/host-app`;
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ appDir: APP });
});
afterAll(() => stack?.close());

describe('test kit: inspector and faults', () => {
  it('serves the inspector page next to the emulator', async () => {
    expect(stack.inspectorUrl).toMatch(/^http:\/\/localhost:\d+\/inspector$/);
    const page = await fetch(stack.inspectorUrl);
    expect(page.status).toBe(200);
  });

  it("retries the host's output actions after a 429's Retry-After", async () => {
    const log = await stack.inspector.watch();
    const client = await stack.connect({ userId: 'throttled-user' });
    await stack.faults.throttleRest({ hub: 'chat', count: 1, retryAfterSeconds: 1 });
    const action = { actionName: 'sendToAll', data: 'through the throttle', dataType: 'text' };
    await client.client.sendEvent('run', [action], 'json');
    await client.until(
      () => client.messages.find((m) => m.data === 'through the throttle'),
      'the action message',
    );
    await log.until((e) => e.kind === 'rest' && e.status === 202, 'the retried call');
    const calls = log.entries.filter((e) => e.kind === 'rest' && e.summary.includes(':send'));
    expect(calls.map((e) => e.status)).toEqual([429, 202]);
    log.close();
  });

  it('drops a connection that the client recovers, and reset() clears faults', async () => {
    const client = await stack.connect({ userId: 'dropped-user' });
    const id = client.connected[0]!.connectionId;
    expect(await stack.faults.dropConnection(id)).toEqual([id]);
    await stack.service.sendToConnection(id, 'still here', { contentType: 'text/plain' });
    await client.until(() => client.messages.length >= 1, 'the message after the drop');
    expect(payloads(client.messages)).toEqual(['still here']);
    expect(client.connected).toHaveLength(1);

    await stack.faults.upstream({ event: 'echo', status: 500 });
    expect(await stack.faults.list()).toHaveLength(1);
    await stack.reset();
    expect(await stack.faults.list()).toEqual([]);
  });
});
