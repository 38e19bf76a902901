// The whole local stack for end-to-end tests of this repository's app, through the test kit the
// way any team uses it: Azurite in memory, the emulator and the offline host running the built app
// (dist/functions), on free ports, one stack per test file.
import type { LocalStack } from '@wps-local/test-kit';
import { startLocalStack } from '@wps-local/test-kit';
import { afterAll, beforeAll } from 'vitest';

import { TEST_HUB } from './emulator';
import { REPO_ROOT } from './host';

export const BANNED_USER = 'banned-user';

export interface Principal {
  id: string;
  name?: string;
  roles?: string[];
}

/** What the app tests reach for: the host's URL and keys, Azurite's connection string. */
export interface StackHost {
  url: string;
  keys: { functionKey: string; masterKey: string };
}

/** `localAuth`: the host's local sign-in, as under `npm start` (principal headers are then dropped). */
export function useStack(settings: Record<string, string> = {}, { localAuth = false } = {}) {
  let stack: LocalStack | undefined;
  beforeAll(async () => {
    stack = await startLocalStack({
      appDir: REPO_ROOT,
      localAuth,
      settings: {
        WebPubSubHub: TEST_HUB,
        CHAT_ALLOW_GUESTS: 'true',
        CHAT_BANNED_USERS: BANNED_USER,
        ...settings,
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });
  const current = () => {
    if (!stack) throw new Error('the local stack has not started');
    return stack;
  };
  return {
    stack: current,
    host: (): StackHost => ({
      url: current().appUrl,
      keys: { functionKey: current().keys.function, masterKey: current().keys.master },
    }),
    azurite: () => ({
      connectionString: current().connectionStrings.storage,
      queueUrl: current().storageUrls.queue,
      tableUrl: current().storageUrls.table,
    }),
    service: () => current().service,
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
export async function negotiateAs(host: StackHost, p: Principal): Promise<string> {
  const res = await fetch(`${host.url}/api/negotiate`, { headers: principalHeaders(p) });
  if (!res.ok) throw new Error(`negotiate ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}
