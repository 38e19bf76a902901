// App settings one to one with the code: each check fails on a broken copy of the real templates.
import { describe, expect, it } from 'vitest';

import { documentedSettings } from '../../../infra/tools/bicep-check/app-settings-bicep';
import type { Edits } from './infra-fixtures';
import { appLikeFacts, checkCopy, messages } from './infra-fixtures';

const settings = (name: string, to: string): Edits => ({
  'infra/modules/function-app.bicep': [[name, to]],
});

describe('app settings', () => {
  it('pass on the real templates with facts shaped like the app', () => {
    expect(checkCopy({}).findings).toEqual([]);
  });

  it('fail when the code reads a setting Bicep neither sets nor documents as optional', () => {
    const facts = appLikeFacts();
    facts.settings.push({ name: 'CHAT_NEW_SETTING', file: 'chat/new.ts', line: 3 });
    const result = checkCopy({}, facts);
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'app-settings',
        file: 'chat/new.ts',
        line: 3,
        message:
          'the code reads "CHAT_NEW_SETTING" but Bicep does not set it and infra/README.md does not document it as optional',
      }),
    ]);
  });

  it('fail when the code reads a setting it cannot name', () => {
    const facts = appLikeFacts({ unresolved: [{ name: 'key', file: 'chat/x.ts', line: 9 }] });
    expect(messages(checkCopy({}, facts), 'app-settings')).toEqual([
      'cannot tell which setting `key` reads; use a constant',
    ]);
  });

  it('fail when Bicep sets a setting nobody reads or documents', () => {
    const result = checkCopy(
      settings("CHAT_ALLOW_GUESTS: 'false'", "CHAT_ALLOW_GUESTS: 'false'\n    CHAT_EXTRA: 'x'"),
    );
    expect(messages(result, 'app-settings')).toEqual([
      'Bicep sets "CHAT_EXTRA", which the code does not read and infra/README.md does not document',
    ]);
  });

  it('fail when a connection uses a key instead of the identity', () => {
    const result = checkCopy(
      settings(
        "WebPubSubConnectionString__credential: 'managedidentity'",
        "WebPubSubConnectionString: 'Endpoint=https://x;AccessKey=k;'",
      ),
    );
    expect(messages(result, 'app-settings')).toEqual(
      expect.arrayContaining([
        'connection "WebPubSubConnectionString" is not identity-based in Bicep: "WebPubSubConnectionString__credential" is not set',
        '"WebPubSubConnectionString" (a connection string, with a key) must not be set; use the identity settings',
        '"WebPubSubConnectionString" is documented as never set in Azure',
      ]),
    );
  });

  it('fail when storage is not reached by identity', () => {
    const result = checkCopy(
      settings(
        "AzureWebJobsStorage__credential: 'managedidentity'",
        "AzureWebJobsStorage__credential: 'connectionstring'",
      ),
    );
    expect(messages(result, 'app-settings')).toEqual([
      '"AzureWebJobsStorage__credential" must be \'managedidentity\'',
    ]);
    const noQueue = checkCopy(
      settings(
        'AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue\n',
        '',
      ),
    );
    expect(messages(noQueue, 'app-settings')).toContain(
      'connection "AzureWebJobsStorage" is not identity-based in Bicep: "AzureWebJobsStorage__queueServiceUri" is not set',
    );
  });

  it('fail when a local-only convenience stays on in Azure', () => {
    const result = checkCopy(settings("CHAT_ALLOW_GUESTS: 'false'", "CHAT_ALLOW_GUESTS: 'true'"));
    expect(messages(result, 'app-settings')).toEqual([
      '"CHAT_ALLOW_GUESTS" is on locally (local.settings.json) and must be set to \'false\' in Azure',
    ]);
  });

  it('fail on settings Flex Consumption rejects', () => {
    const result = checkCopy(
      settings(
        "CHAT_ALLOW_GUESTS: 'false'",
        "CHAT_ALLOW_GUESTS: 'false'\n    FUNCTIONS_WORKER_RUNTIME: 'node'",
      ),
    );
    expect(messages(result, 'app-settings')).toEqual(
      expect.arrayContaining(['"FUNCTIONS_WORKER_RUNTIME" must not be set on Flex Consumption']),
    );
  });

  it('fail when the README documents a setting as set that Bicep does not set', () => {
    const result = checkCopy({
      'infra/README.md': [
        [/\| `CHAT_BANNED_USERS` +\| optional \|/, '| `CHAT_BANNED_USERS` | set |'],
      ],
    });
    expect(messages(result, 'app-settings')).toEqual([
      'the code reads "CHAT_BANNED_USERS" but Bicep does not set it and infra/README.md does not document it as optional',
      '"CHAT_BANNED_USERS" is documented as set by Bicep but is not',
    ]);
  });

  it('read the README table rows', () => {
    const rows = documentedSettings(
      '| `A` | set | x |\n| `B` | optional | y |\n| `C` | never |\n| D | set |',
    );
    expect([...rows]).toEqual([
      ['A', 'set'],
      ['B', 'optional'],
      ['C', 'never'],
    ]);
  });
});
