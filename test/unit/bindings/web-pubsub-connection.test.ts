// WebPubSubConnectionString as the extension reads it: the connection string first, else the
// identity-based `__serviceUri` (with `__clientId` for a user-assigned identity).
import { describe, expect, it } from 'vitest';

import { readWebPubSubConnection, WEB_PUBSUB_CONNECTION } from '../../../bindings';

describe('readWebPubSubConnection', () => {
  it('prefers the connection string', () => {
    expect(
      readWebPubSubConnection({
        [WEB_PUBSUB_CONNECTION]: 'Endpoint=http://localhost:8080;AccessKey=k;Version=1.0;',
        [`${WEB_PUBSUB_CONNECTION}__serviceUri`]: 'https://x.webpubsub.azure.com',
      }),
    ).toEqual({
      kind: 'connectionString',
      connectionString: 'Endpoint=http://localhost:8080;AccessKey=k;Version=1.0;',
    });
  });

  it('falls back to the identity-based settings, and is undefined with neither', () => {
    expect(
      readWebPubSubConnection({
        [`${WEB_PUBSUB_CONNECTION}__serviceUri`]: 'https://x.webpubsub.azure.com',
        [`${WEB_PUBSUB_CONNECTION}__clientId`]: 'cid',
      }),
    ).toEqual({
      kind: 'identity',
      serviceUri: 'https://x.webpubsub.azure.com',
      managedIdentityClientId: 'cid',
    });
    expect(readWebPubSubConnection({})).toBeUndefined();
  });
});
