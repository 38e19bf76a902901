// The whole local stack for end-to-end tests of the app: a real Azurite, the emulator, and the
// offline host running this repository's built app (dist/functions) — on free ports, per test file.
import { beforeAll } from 'vitest';

import { useAzurite } from './azurite';
import { TEST_HUB, useEmulator } from './emulator';
import type { TestHost } from './host';
import { REPO_ROOT, useHost } from './host';
import { serviceClient } from './sdk-client';

export const BANNED_USER = 'banned-user';

export interface Principal {
  id: string;
  name?: string;
  roles?: string[];
}

export function useStack(settings: Record<string, string> = {}) {
  const azurite = useAzurite();
  const emulator = useEmulator();
  const host = useHost(() => ({
    app: REPO_ROOT,
    settings: {
      AzureWebJobsStorage: azurite().connectionString,
      WebPubSubConnectionString: emulator().connectionString,
      WebPubSubHub: TEST_HUB,
      CHAT_ALLOW_GUESTS: 'true',
      CHAT_BANNED_USERS: BANNED_USER,
      ...settings,
    },
  }));
  beforeAll(() => {
    emulator().configureHub(TEST_HUB, {
      eventHandlers: [
        {
          urlTemplate: `${host().url}/runtime/webhooks/webpubsub`,
          userEventPattern: '*',
          systemEvents: ['connect', 'connected', 'disconnected'],
        },
      ],
    });
  });
  return {
    azurite,
    emulator,
    host,
    service: () => serviceClient(emulator().connectionString, TEST_HUB),
  };
}

/** The headers App Service Authentication adds for a signed-in user. */
export function principalHeaders(p: Principal): Record<string, string> {
  const roles = p.roles ?? [];
  const principal = {
    auth_typ: 'aad',
    name_typ: 'name',
    role_typ: 'roles',
    claims: [{ typ: 'name', val: p.name ?? p.id }, ...roles.map((val) => ({ typ: 'roles', val }))],
  };
  return {
    'x-ms-client-principal-id': p.id,
    'x-ms-client-principal-name': p.name ?? p.id,
    'x-ms-client-principal-idp': 'aad',
    'x-ms-client-principal': Buffer.from(JSON.stringify(principal)).toString('base64'),
  };
}

/** Negotiates as a principal and returns the client access URL. */
export async function negotiateAs(host: TestHost, p: Principal): Promise<string> {
  const res = await fetch(`${host.url}/api/negotiate`, { headers: principalHeaders(p) });
  if (!res.ok) throw new Error(`negotiate ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}
