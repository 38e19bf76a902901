// ES module apps: azure-functions-nodejs-worker src/loadScriptFile.ts loads a `.mjs` file, or any
// `.js` file of a `"type": "module"` package, with `import()` (so top-level await works), and
// everything else with `require`.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { REPO_ROOT, useHost } from '../setup/host';

const host = useHost({ app: path.join(REPO_ROOT, 'test/fixtures/esm-app') });

describe('an ES module app', () => {
  it('loads a "type": "module" entry point with top-level await', async () => {
    const res = await fetch(`${host().url}/api/greet`);
    expect([res.status, await res.text()]).toEqual([200, 'Hello from an ES module']);
  });

  it('loads a .mjs entry point as an ES module', async () => {
    const res = await fetch(`${host().url}/api/module-kind`);
    expect(await res.json()).toEqual({ esm: true });
  });
});
