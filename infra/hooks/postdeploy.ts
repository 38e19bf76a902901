// `npm run postdeploy` (azd's postdeploy hook; also usable after `az deployment sub create`):
// wires the Web PubSub hub's event handler to the app's webhook key, with the Azure SDKs and the
// azd sign-in (falling back to DefaultAzureCredential) — the Azure CLI is not needed.
import { parseArgs } from 'node:util';

import { WebSiteManagementClient } from '@azure/arm-appservice';
import { WebPubSubManagementClient } from '@azure/arm-webpubsub';
import type { TokenCredential } from '@azure/identity';
import {
  AzureDeveloperCliCredential,
  ChainedTokenCredential,
  DefaultAzureCredential,
} from '@azure/identity';

import { readDeploymentOutputs } from './outputs';
import type { Hub, WireClients } from './wire-webhook';
import { wireWebhook } from './wire-webhook';
import { setWiredFor } from './wired-flag';

export function azureClients(credential: TokenCredential, subscriptionId: string): WireClients {
  const web = new WebSiteManagementClient(credential, subscriptionId);
  const wps = new WebPubSubManagementClient(credential, subscriptionId);
  return {
    listHostKeys: (rg, app) => web.webApps.listHostKeys(rg, app),
    getHub: (rg, name, hub) => wps.webPubSubHubs.get(hub, rg, name) as Promise<Hub>,
    putHub: async (rg, name, hub, value) => {
      await wps.webPubSubHubs.beginCreateOrUpdateAndWait(
        hub,
        rg,
        name,
        value as Parameters<typeof wps.webPubSubHubs.beginCreateOrUpdateAndWait>[3],
      );
    },
    poke: async (host) => {
      await fetch(`https://${host}/`, { signal: AbortSignal.timeout(10_000) });
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: (line) => console.log(line),
  };
}

// Tell the next `azd provision` that this app's key exists, so Bicep keeps it in the handler.
function markWired(principalId: string): void {
  if (!setWiredFor(principalId)) {
    console.log(
      `Not under azd: pass webhookWiredFor=${principalId} to later \`az deployment sub create\` runs, or they remove the key from the hub.`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      outputs: { type: 'string' },
      attempts: { type: 'string' },
      delay: { type: 'string' },
    },
  });
  const outputs = readDeploymentOutputs(process.env, values.outputs);
  const credential = new ChainedTokenCredential(
    new AzureDeveloperCliCredential({ tenantId: process.env.AZURE_TENANT_ID }),
    new DefaultAzureCredential(),
  );
  const result = await wireWebhook(
    outputs,
    azureClients(credential, outputs.AZURE_SUBSCRIPTION_ID),
    {
      attempts: values.attempts ? Number(values.attempts) : undefined,
      delayMs: values.delay ? Number(values.delay) * 1000 : undefined,
    },
  );
  markWired(outputs.AZURE_MANAGED_IDENTITY_PRINCIPAL_ID);
  console.log(`postdeploy: webhook ${result}.`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`postdeploy: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
