// The facts the check collects from this app's code (by loading the built app through a fake
// @azure/functions-core, and reading its sources with the TypeScript checker), and the gate: the
// real templates pass the whole check against them.
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { DEPLOYMENT_OUTPUTS } from '../../../infra/hooks/outputs';
import type { AppFacts } from '../../../infra/tools/bicep-check/app-facts';
import { gatherAppFacts } from '../../../infra/tools/bicep-check/app-facts';
import { checkInfra } from '../../../infra/tools/bicep-check/check';
import { formatFinding } from '../../../infra/tools/bicep-check/findings';
import { REPO } from './infra-fixtures';

// The loader runs in a child process from dist/: `npm test` builds first.
const LOADER = path.join(REPO, 'dist/infra/tools/bicep-check/app-facts/load-app.js');
let facts: AppFacts;

beforeAll(() => {
  facts = gatherAppFacts(REPO, LOADER);
}, 120_000);

describe("the app's facts, from its code", () => {
  it('finds the Web PubSub events its triggers handle', () => {
    expect(facts.events).toEqual({
      system: ['connect', 'connected', 'disconnected'],
      user: ['delete', 'edit', 'history', 'join', 'leave', 'message', 'react', 'read', 'rooms'],
    });
  });

  it('finds the settings it reads, through constants, parameters and templates', () => {
    const names = new Set(facts.settings.map((s) => s.name));
    for (const name of [
      'WebPubSubConnectionString',
      'WebPubSubConnectionString__serviceUri',
      'WebPubSubHub',
      'AzureWebJobsStorage',
      'AzureWebJobsStorage__credential',
      'CHAT_ALLOW_GUESTS',
      'CHAT_BANNED_USERS',
    ]) {
      expect(names).toContain(name);
    }
    expect(facts.unresolved).toEqual([]);
  });

  it('finds its connections, queues, tables and SDKs', () => {
    expect(Object.fromEntries(facts.connections)).toEqual({
      WebPubSubConnectionString: 'webpubsub',
      AzureWebJobsStorage: 'storage',
    });
    expect(facts.queues).toEqual(['notifications', 'notifications-poison', 'occupancy']);
    expect(facts.tables).toEqual(['history', 'presence', 'reads', 'users']);
    expect(facts.packages).toEqual(
      expect.arrayContaining(['@azure/data-tables', '@azure/web-pubsub']),
    );
  });

  it('infra/ passes the whole offline check', () => {
    const { files, findings } = checkInfra({
      infraDir: path.join(REPO, 'infra'),
      appRoot: REPO,
      facts,
      outputsRead: DEPLOYMENT_OUTPUTS,
    });
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(findings.map((f) => formatFinding(f, REPO))).toEqual([]);
  });
});
