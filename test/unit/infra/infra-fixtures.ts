// Helpers for the infra tests: fixture paths, a throw-away copy of infra/ with edits applied (each
// edit must match, so a test never passes on a stale string), and app facts shaped like this app's.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll } from 'vitest';

import { DEPLOYMENT_OUTPUTS } from '../../../infra/hooks/outputs';
import type { AppFacts } from '../../../infra/tools/bicep-check/app-facts';
import type { CheckResult } from '../../../infra/tools/bicep-check/check';
import { checkInfra } from '../../../infra/tools/bicep-check/check';
import { parseBicepFile } from '../../../infra/tools/bicep-check/parse';

export const REPO = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/infra');

export const parseFixture = (rel: string) => parseBicepFile(path.join(FIXTURES, rel));

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Edits by file (relative to the repo: `infra/...`, `azure.yaml`, `.funcignore`): [from, to] pairs. */
export type Edits = Record<string, [string | RegExp, string][]>;

export function copyWithEdits(edits: Edits): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infra-check-'));
  temps.push(root);
  cpSync(path.join(REPO, 'infra'), path.join(root, 'infra'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}tools`) && !src.endsWith('.ts'),
  });
  for (const file of ['azure.yaml', '.funcignore', '.gitignore'])
    cpSync(path.join(REPO, file), path.join(root, file));
  for (const [file, pairs] of Object.entries(edits)) {
    const target = path.join(root, file);
    let text = readFileSync(target, 'utf8');
    for (const [from, to] of pairs) {
      if (typeof from === 'string' ? !text.includes(from) : !from.test(text)) {
        throw new Error(`edit of ${file}: "${String(from)}" not found`);
      }
      text = text.replace(from, to);
    }
    writeFileSync(target, text);
  }
  return root;
}

export function checkCopy(edits: Edits, facts: AppFacts = appLikeFacts()): CheckResult {
  const root = copyWithEdits(edits);
  return checkInfra({
    infraDir: path.join(root, 'infra'),
    appRoot: root,
    facts,
    outputsRead: DEPLOYMENT_OUTPUTS,
  });
}

export const messages = (r: CheckResult, rule?: string) =>
  r.findings.filter((f) => !rule || f.rule === rule).map((f) => f.message);

/** Facts shaped like this app's (the real ones are collected once, in app-facts.test.ts). */
export function appLikeFacts(overrides: Partial<AppFacts> = {}): AppFacts {
  const read = (name: string) => ({ name, file: 'chat/runtime.ts', line: 1 });
  return {
    settings: [
      'WebPubSubConnectionString',
      'WebPubSubConnectionString__serviceUri',
      'WebPubSubConnectionString__clientId',
      'WebPubSubHub',
      'AzureWebJobsStorage',
      'AzureWebJobsStorage__accountName',
      'AzureWebJobsStorage__tableServiceUri',
      'AzureWebJobsStorage__queueServiceUri',
      'AzureWebJobsStorage__credential',
      'AzureWebJobsStorage__clientId',
      'CHAT_ALLOW_GUESTS',
      'CHAT_BANNED_USERS',
      'CHAT_HISTORY_STORE',
    ].map(read),
    unresolved: [],
    connections: new Map([
      ['WebPubSubConnectionString', 'webpubsub'],
      ['AzureWebJobsStorage', 'storage'],
    ]),
    events: {
      system: ['connect', 'connected', 'disconnected'],
      user: ['delete', 'edit', 'history', 'join', 'leave', 'message', 'react', 'read', 'rooms'],
    },
    queues: ['notifications', 'notifications-poison', 'occupancy'],
    tables: ['history', 'presence', 'reads', 'users'],
    bindingTypes: ['httpTrigger', 'queue', 'queueTrigger', 'webPubSub', 'webPubSubTrigger'],
    packages: ['@azure/data-tables', '@azure/storage-queue', '@azure/web-pubsub'],
    localSettings: { CHAT_ALLOW_GUESTS: 'true', FUNCTIONS_WORKER_RUNTIME: 'node' },
    ...overrides,
  };
}
