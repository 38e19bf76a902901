// The host's copy of the emulator's well-known key (used for identity-based connections to a
// local emulator) must be the emulator's own; the two packages never import each other.
import { describe, expect, it } from 'vitest';

import { WELL_KNOWN_ACCESS_KEY } from '../../../packages/emulator/src/auth/well-known-key';
import {
  EMULATOR_WELL_KNOWN_KEY,
  identityAccess,
} from '../../../packages/functions-host/src/webpubsub/service-access';

describe('identity-based connections', () => {
  it("uses the emulator's well-known key for a loopback serviceUri, and none for Azure", () => {
    expect(EMULATOR_WELL_KNOWN_KEY).toBe(WELL_KNOWN_ACCESS_KEY);
    expect(identityAccess('http://localhost:8080').accessKey).toBe(WELL_KNOWN_ACCESS_KEY);
    expect(identityAccess('http://127.0.0.1:8080').accessKey).toBe(WELL_KNOWN_ACCESS_KEY);
    expect(identityAccess('https://contoso.webpubsub.azure.com').accessKey).toBeUndefined();
  });

  it('checks no signature, as the extension does for an identity-based access', () => {
    expect(identityAccess('http://localhost:8080').signatureOf('conn')).toBeUndefined();
  });
});
