// The postdeploy hook's logic with its Azure clients injected: it waits while the key is missing,
// updates the hub once and is idempotent, and explains permission and sign-in failures.
import { describe, expect, it } from 'vitest';

import type { DeploymentOutputs } from '../../../infra/hooks/outputs';
import { readDeploymentOutputs } from '../../../infra/hooks/outputs';
import type { Hub, WireClients } from '../../../infra/hooks/wire-webhook';
import { codeOf, isAppWebhook, wireWebhook, withCode } from '../../../infra/hooks/wire-webhook';
import { setWiredFor, WIRED_FOR } from '../../../infra/hooks/wired-flag';

const outputs: DeploymentOutputs = {
  AZURE_SUBSCRIPTION_ID: 'sub',
  AZURE_RESOURCE_GROUP: 'rg-test',
  AZURE_FUNCTION_APP_NAME: 'func-x',
  FUNCTION_APP_HOSTNAME: 'func-x.azurewebsites.net',
  FUNCTION_APP_URL: 'https://func-x.azurewebsites.net',
  WEBPUBSUB_NAME: 'wps-x',
  WEBPUBSUB_HUB: 'chat',
  AZURE_MANAGED_IDENTITY_PRINCIPAL_ID: '00000000-0000-0000-0000-0000000000aa',
};
const WEBHOOK = 'https://func-x.azurewebsites.net/runtime/webhooks/webpubsub';
const KEY = 'abc+/def==';

function restError(statusCode: number, code: string) {
  return Object.assign(new Error(`${code} (${statusCode})`), { statusCode, code });
}

function fakeAzure(keys: (() => Record<string, string> | Error)[], hub: Hub) {
  const state = { hub, keyReads: 0, puts: 0, pokes: 0, sleeps: 0, lines: [] as string[] };
  const clients: WireClients = {
    listHostKeys: () => {
      state.keyReads++;
      const next = keys.length > 1 ? keys.shift()! : keys[0]!;
      const value = next();
      return value instanceof Error
        ? Promise.reject(value)
        : Promise.resolve({ systemKeys: value });
    },
    getHub: () => Promise.resolve(structuredClone(state.hub)),
    putHub: (_rg, _wps, _hub, value) => {
      state.puts++;
      state.hub = value;
      return Promise.resolve();
    },
    poke: () => Promise.resolve(void state.pokes++),
    sleep: () => Promise.resolve(void state.sleeps++),
    log: (line) => void state.lines.push(line),
  };
  return { clients, state };
}

const bicepHub = (): Hub => ({
  properties: {
    anonymousConnectPolicy: 'deny',
    eventHandlers: [
      {
        urlTemplate: WEBHOOK,
        userEventPattern: 'history,join,leave,message',
        systemEvents: ['connect'],
      },
      { urlTemplate: 'https://elsewhere.example/hook', userEventPattern: 'audit' },
    ],
  },
});

describe('postdeploy: wiring the webhook key', () => {
  it('waits while the key is missing, waking the app, then sets it on the app handler only', async () => {
    const { clients, state } = fakeAzure(
      [
        () => ({}),
        () => restError(503, 'ServiceUnavailable'),
        () => ({ webpubsub_extension: KEY }),
      ],
      bicepHub(),
    );
    await expect(wireWebhook(outputs, clients, { delayMs: 1 })).resolves.toBe('updated');
    expect(state.keyReads).toBe(3);
    expect([state.pokes, state.sleeps, state.puts]).toEqual([2, 2, 1]);
    const [ours, other] = state.hub.properties!.eventHandlers!;
    expect(ours).toMatchObject({
      userEventPattern: 'history,join,leave,message',
      systemEvents: ['connect'],
    });
    expect(codeOf(ours!.urlTemplate)).toBe(KEY);
    expect(ours!.urlTemplate).toBe(`${WEBHOOK}?code=abc%2B%2Fdef%3D%3D`);
    expect(other!.urlTemplate).toBe('https://elsewhere.example/hook');
    expect(state.hub.properties!.anonymousConnectPolicy).toBe('deny');
  });

  it('is idempotent: a second run (or a hub Bicep already keyed) writes nothing', async () => {
    const { clients, state } = fakeAzure([() => ({ webpubsub_extension: KEY })], bicepHub());
    await wireWebhook(outputs, clients);
    await expect(wireWebhook(outputs, clients)).resolves.toBe('unchanged');
    expect(state.puts).toBe(1);
  });

  it('replaces an old key after rotation', async () => {
    const hub = bicepHub();
    hub.properties!.eventHandlers![0]!.urlTemplate = `${WEBHOOK}?code=old`;
    const { clients, state } = fakeAzure([() => ({ webpubsub_extension: KEY })], hub);
    await expect(wireWebhook(outputs, clients)).resolves.toBe('updated');
    expect(codeOf(state.hub.properties!.eventHandlers![0]!.urlTemplate)).toBe(KEY);
  });

  it('gives up with a clear error when the key never appears', async () => {
    const { clients, state } = fakeAzure([() => ({ other_extension: 'x' })], bicepHub());
    await expect(wireWebhook(outputs, clients, { attempts: 3 })).rejects.toThrow(
      /webpubsub_extension system key did not appear on func-x after 3 attempts/,
    );
    expect(state.puts).toBe(0);
  });

  it('explains missing permissions at once instead of retrying', async () => {
    const { clients, state } = fakeAzure([() => restError(403, 'AuthorizationFailed')], bicepHub());
    await expect(wireWebhook(outputs, clients)).rejects.toThrow(
      /Not allowed to read the host keys of func-x: the signed-in identity lacks Microsoft\.Web\/sites\/host\/listkeys\/action\. Grant it Contributor/,
    );
    expect(state.keyReads).toBe(1);

    const denied = fakeAzure([() => ({ webpubsub_extension: KEY })], bicepHub());
    denied.clients.putHub = () => Promise.reject(restError(403, 'AuthorizationFailed'));
    await expect(wireWebhook(outputs, denied.clients)).rejects.toThrow(
      /Not allowed to update the hub chat of wps-x: .*hubs\/write/,
    );
  });

  it('explains a missing sign-in and a hub without the app handler', async () => {
    const unsigned = fakeAzure(
      [() => Object.assign(new Error('no azd'), { name: 'CredentialUnavailableError' })],
      bicepHub(),
    );
    await expect(wireWebhook(outputs, unsigned.clients)).rejects.toThrow(
      /no Azure sign-in. Run `azd auth login`/,
    );
    const empty = fakeAzure([() => ({ webpubsub_extension: KEY })], {
      properties: { eventHandlers: [] },
    });
    await expect(wireWebhook(outputs, empty.clients)).rejects.toThrow(
      /no event handler for https:\/\/func-x\.azurewebsites\.net\/runtime\/webhooks\/webpubsub.*azd provision/,
    );
  });
});

describe('postdeploy: helpers', () => {
  it('recognises the app webhook and keeps other query parameters', () => {
    expect(isAppWebhook(`${WEBHOOK}/?code=x`, 'FUNC-X.azurewebsites.net')).toBe(true);
    expect(
      isAppWebhook(
        'https://func-y.azurewebsites.net/runtime/webhooks/webpubsub',
        'func-x.azurewebsites.net',
      ),
    ).toBe(false);
    expect(withCode(`${WEBHOOK}?a=1&code=old`, 'k')).toBe(`${WEBHOOK}?a=1&code=k`);
  });

  it('reads outputs from the environment or an ARM outputs file, and names the missing ones', () => {
    expect(readDeploymentOutputs({ ...outputs })).toEqual(outputs);
    expect(() => readDeploymentOutputs({ AZURE_RESOURCE_GROUP: 'rg' })).toThrow(
      /Missing deployment outputs: AZURE_SUBSCRIPTION_ID, AZURE_FUNCTION_APP_NAME/,
    );
  });
});

describe('the wiring recorded in the azd environment', () => {
  const recorder = () => {
    const calls: string[][] = [];
    return { calls, run: (args: string[]) => (calls.push(args), { status: 0 }) };
  };

  it('records the identity the key was found for, and clears it (postdown) with an empty value', () => {
    const { calls, run } = recorder();
    const env = { AZURE_ENV_NAME: 'dev', [WIRED_FOR]: '' };
    expect(setWiredFor('principal-1', env, run)).toBe(true);
    expect(setWiredFor('', { AZURE_ENV_NAME: 'dev', [WIRED_FOR]: 'principal-1' }, run)).toBe(true);
    expect(calls).toEqual([
      ['env', 'set', `${WIRED_FOR}=principal-1`],
      ['env', 'set', `${WIRED_FOR}=`],
    ]);
  });

  it('does nothing outside azd or when the value is already there, and reports a failed azd', () => {
    const { calls, run } = recorder();
    expect(setWiredFor('p', {}, run)).toBe(false);
    expect(setWiredFor('p', { AZURE_ENV_NAME: 'dev', [WIRED_FOR]: 'p' }, run)).toBe(true);
    expect(calls).toEqual([]);
    expect(setWiredFor('p', { AZURE_ENV_NAME: 'dev' }, () => ({ status: 1 }))).toBe(false);
  });
});
