// main.parameters.json against main.bicep: keys are params, required params are given, azd
// placeholders are well formed.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseBicepFile } from '../../../infra/tools/bicep-check/parse';
import { checkParametersFile } from '../../../infra/tools/bicep-check/rules/parameters-file';
import { checkCopy, messages, REPO } from './infra-fixtures';

const main = parseBicepFile(path.join(REPO, 'infra/main.bicep'));
const file = path.join(REPO, 'infra/main.parameters.json');
const text = readFileSync(file, 'utf8');
const check = (t: string) => checkParametersFile(main, file, t).map((f) => f.message);

describe('main.parameters.json', () => {
  it('matches main.bicep', () => {
    expect(check(text)).toEqual([]);
  });

  it('reports a key that is not a param', () => {
    expect(check(text.replace('"webPubSubSku"', '"webPubSubSKU"'))).toEqual([
      `"webPubSubSKU" is not a param of ${main.path}`,
    ]);
  });

  it('reports a required param without a value', () => {
    const json = JSON.parse(text) as { parameters: Record<string, unknown> };
    delete json.parameters.environmentName;
    expect(check(JSON.stringify(json))).toEqual([
      'required param "environmentName" of main.bicep has no value',
    ]);
  });

  it('reports malformed placeholders and invalid JSON', () => {
    expect(check(text.replace('${AZURE_LOCATION}', '${AZURE LOCATION}'))).toEqual([
      'malformed placeholder "${AZURE LOCATION}"',
    ]);
    expect(check('{ "parameters": ')[0]).toMatch(/^not valid JSON/);
  });

  it('fails the whole check when main.bicep gains a required param the file lacks', () => {
    const result = checkCopy({
      'infra/main.bicep': [['param location string', 'param location string\nparam region string']],
    });
    expect(messages(result, 'parameters-file')).toEqual([
      'required param "region" of main.bicep has no value',
    ]);
  });
});
