// The settings scan on a fixture app: every form of read the app uses is resolved to a name, other
// maps are ignored, and a read whose key cannot be worked out is reported.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { scanAppSources } from '../../../infra/tools/bicep-check/app-facts/settings-scan';
import { FIXTURES } from './infra-fixtures';

describe('settings scan', () => {
  const scan = scanAppSources(path.join(FIXTURES, 'scan-app'), ['functions']);

  it('resolves literals, property reads, constants, parameters and templates from call sites', () => {
    expect(new Set(scan.reads.map((r) => r.name))).toEqual(
      new Set([
        'FIXTURE_DIRECT',
        'FIXTURE_LITERAL',
        'FIXTURE_FLAG',
        'FIXTURE_NAME',
        'FixtureConnection',
        'FixtureConnection__serviceUri',
      ]),
    );
  });

  it('reports the read it cannot name, with its line', () => {
    expect(scan.unresolved).toEqual([
      { name: 'dynamic.toUpperCase()', file: expect.stringMatching(/reads\.ts$/), line: 24 },
    ]);
  });

  it('finds the tables opened with a literal name', () => {
    expect(scan.tables).toEqual(['fixtureTable']);
  });
}, 60_000);
