// Modules: paths exist locally, params exist in the module, required params are passed, and the
// outputs read from a module are declared by it. Also pinned resource types and secret outputs.
import { describe, expect, it } from 'vitest';

import { parseBicepSource } from '../../../infra/tools/bicep-check/parse';
import { checkModules } from '../../../infra/tools/bicep-check/rules/modules';
import { checkResources } from '../../../infra/tools/bicep-check/rules/resources';
import { checkCopy, messages, parseFixture } from './infra-fixtures';

describe('modules', () => {
  const main = parseFixture('modules/main.bicep');
  const child = parseFixture('modules/child.bicep');
  const found = checkModules(main, (p) => (p === child.path ? child : undefined));

  it('reports a missing module file and a registry module', () => {
    expect(found.filter((f) => f.rule === 'module-path').map((f) => f.line)).toEqual([6, 11]);
    expect(found.map((f) => f.message)).toContain('module file "nope.bicep" does not exist');
    expect(found.some((f) => f.message.startsWith('registry module "br/public:'))).toBe(true);
  });

  it('reports an unknown param and a required param not passed', () => {
    expect(found.filter((f) => f.rule === 'module-param').map((f) => f.message)).toEqual([
      'module "child.bicep" has no param "typo"',
      'required param "required" of module "child.bicep" is not passed',
    ]);
  });

  it('reports an output the module does not declare, and only that one', () => {
    expect(
      found.filter((f) => f.rule === 'module-output').map((f) => `${f.line} ${f.message}`),
    ).toEqual(['22 module "good" has no output "nothing"']);
  });

  it('fails the real templates when main passes a param a module lacks', () => {
    const result = checkCopy({
      'infra/main.bicep': [["params: { name: 'id-${token}',", "params: { nmae: 'id-${token}',"]],
    });
    expect(messages(result, 'module-param')).toEqual([
      'module "modules/identity.bicep" has no param "nmae"',
      'required param "name" of module "modules/identity.bicep" is not passed',
    ]);
  });

  it('fails the real templates when an output is read that a module does not have', () => {
    const result = checkCopy({
      'infra/main.bicep': [['webPubSub.outputs.hostName', 'webPubSub.outputs.hostname']],
    });
    expect(messages(result, 'module-output')).toContain(
      'module "webPubSub" has no output "hostname"',
    );
  });
});

describe('resource types and outputs', () => {
  it('reports malformed and unpinned types, and secret-looking outputs', () => {
    const file = parseBicepSource(
      'x.bicep',
      [
        "resource a 'Microsoft.Storage/storageAccounts' = { name: 'a' }",
        "resource b 'Microsoft.Storage/storageAccounts@2019-06-01' = { name: 'b' }",
        "resource c 'Microsoft.Storage/storageAccounts@2024-01-01' = { name: 'c' }",
        "output storageKey string = 'x'",
        "output APPLICATIONINSIGHTS_CONNECTION_STRING string = 'not a secret'",
      ].join('\n'),
    );
    expect(checkResources(file).map((f) => `${f.rule}:${f.line}`)).toEqual([
      'resource-type:1',
      'resource-type:2',
      'output-secret:4',
    ]);
  });
});
