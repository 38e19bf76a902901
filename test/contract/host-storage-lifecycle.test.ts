// Start-up and shutdown of the offline host's storage extension: clear errors for missing or broken
// connection settings, no storage needed by apps without storage bindings, and a stop that lets a running queue function finish and complete its message.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { base64, findEntity, queueClient, tableClient, useAzurite } from '../setup/azurite';
import { eventually } from '../setup/eventually';
import { REPO_ROOT, startHostProcess, TEST_APP } from '../setup/host';

const STORAGE_APP = path.join(REPO_ROOT, 'test/fixtures/storage-app');
// A storage connection inherited from the environment must not hide a missing setting.
const NO_STORAGE_ENV = { AzureWebJobsStorage: '' };
const azurite = useAzurite();

describe('storage connection settings', () => {
  it('refuses to start when AzureWebJobsStorage is missing, naming the function and setting', async () => {
    const result = await startHostProcess({ app: STORAGE_APP, env: NO_STORAGE_ENV });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/Function '\w+', binding '\w+'/);
    expect(result.message).toContain(
      "Storage account connection string 'AzureWebJobsStorage' does not exist",
    );
  });

  it('refuses to start with a connection string it cannot use', async () => {
    const result = await startHostProcess({
      app: STORAGE_APP,
      settings: { AzureWebJobsStorage: 'AccountName=only-a-name' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain("the connection string in 'AzureWebJobsStorage' is invalid");
  });

  it('starts an app without storage bindings without any storage setting', async () => {
    const result = await startHostProcess({ app: TEST_APP, env: NO_STORAGE_ENV });
    expect(result.ok).toBe(true);
    if (result.ok) await result.host.close();
  });
});

describe('stopping the host', () => {
  it('lets a running queue function finish and deletes its message before exiting', async () => {
    const result = await startHostProcess({
      app: STORAGE_APP,
      settings: { AzureWebJobsStorage: azurite().connectionString },
    });
    if (!result.ok) throw new Error(`${result.message}\n${result.output}`);
    const { host } = result;
    const slow = queueClient(azurite(), 'slow');
    await slow.createIfNotExists();
    await slow.sendMessage(base64('in-flight'));
    await eventually(
      () => host.output().includes('slow function started for in-flight'),
      'the slow function to start',
      10_000,
      20,
    );
    await host.close();
    const done = await findEntity(tableClient(azurite(), 'slowDone'), 'slow', 'in-flight');
    expect(done).toBeDefined();
    expect((await slow.getProperties()).approximateMessagesCount).toBe(0);
  });
});
