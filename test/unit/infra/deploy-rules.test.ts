// The deployment rules of the offline check (issue 21), each failing on a broken copy of the real
// templates: what azd packages, re-provisioning after `azd down`, Web PubSub SKU/units pairs,
// App Service Authentication in front of negotiate, and resource logs to Log Analytics.
import { describe, expect, it } from 'vitest';

import { excludes } from '../../../infra/tools/bicep-check/rules/auth';
import { checkCopy, messages } from './infra-fixtures';

describe('package', () => {
  it('passes on the real azure.yaml', () => {
    expect(messages(checkCopy({}), 'package')).toEqual([]);
  });

  it('fails when remoteBuild is left to azd', () => {
    const result = checkCopy({ 'azure.yaml': [['    remoteBuild: false\n', '']] });
    expect(messages(result, 'package')).toEqual([
      expect.stringMatching(/^service "api" must set remoteBuild explicitly/),
    ]);
  });

  it('fails where azd itself would refuse the remoteBuild / .funcignore pair', () => {
    const on = checkCopy({ 'azure.yaml': [['remoteBuild: false', 'remoteBuild: true']] });
    expect(messages(on, 'package')).toEqual([
      'service "api": azd refuses this: \'remoteBuild: true\' requires .funcignore to exclude node_modules',
    ]);
    const off = checkCopy({ '.funcignore': [['.git*\n', '.git*\nnode_modules/\n']] });
    expect(messages(off, 'package')).toContain(
      'service "api": azd refuses this: \'remoteBuild: false\' cannot be used when .funcignore excludes node_modules',
    );
  });

  it('fails when azd would zip the project folder, or nothing builds the package', () => {
    const project = checkCopy({ 'azure.yaml': [['    dist: .package\n', '']] });
    expect(messages(project, 'package')).toEqual([
      expect.stringMatching(/zip its node_modules \(devDependencies included\), sources and \.env/),
    ]);
    const unbuilt = checkCopy({
      'azure.yaml': [[/run: npm run package --silent/g, 'run: echo']],
    });
    expect(messages(unbuilt, 'package')).toEqual([
      'service "api" has no prepackage hook running `npm run package`, which builds .package',
    ]);
    const committed = checkCopy({ '.gitignore': [['.package/\n', '']] });
    expect(messages(committed, 'package')).toEqual([
      'the package folder .package must be in .gitignore (it is built, never committed)',
    ]);
  });
});

describe('re-provisioning after azd down', () => {
  it('passes on the real hub module', () => {
    expect(messages(checkCopy({}), 'reprovision')).toEqual([]);
  });

  it('fails when listKeys of the host keys is not guarded', () => {
    const result = checkCopy({
      'infra/modules/webpubsub-hub.bicep': [
        ["var webhookUrl = keyExists ? '${webhook}?code=", "var webhookUrl = '${webhook}?code="],
        ["systemKeys.webpubsub_extension)}' : webhook", "systemKeys.webpubsub_extension)}'"],
      ],
    });
    expect(messages(result, 'reprovision')).toEqual([
      expect.stringMatching(/^listKeys of the host keys runs on every deployment/),
    ]);
  });

  it('fails when the guard is a flag the azd environment keeps after azd down', () => {
    const result = checkCopy({
      'infra/modules/webpubsub-hub.bicep': [
        [
          'var keyExists = !empty(webhookWiredFor) && webhookWiredFor == appPrincipalId',
          'var keyExists = webhookKeyReady',
        ],
        ['param appPrincipalId string', 'param appPrincipalId string\nparam webhookKeyReady bool'],
      ],
      'infra/main.bicep': [
        [
          'webhookWiredFor: webhookWiredFor\n    appPrincipalId: identity.outputs.principalId\n',
          "webhookWiredFor: webhookWiredFor\n    appPrincipalId: identity.outputs.principalId\n    webhookKeyReady: webhookWiredFor != ''\n",
        ],
      ],
    });
    expect(result.findings.map((f) => f.rule)).toEqual(['reprovision']);
    expect(messages(result, 'reprovision')).toEqual([
      expect.stringMatching(/^listKeys is guarded by "keyExists", which the azd environment keeps/),
    ]);
  });

  it('fails when the compared value does not come from the identity', () => {
    const result = checkCopy({
      'infra/main.bicep': [
        [
          'webhookWiredFor: webhookWiredFor\n    appPrincipalId: identity.outputs.principalId',
          'webhookWiredFor: webhookWiredFor\n    appPrincipalId: principalId',
        ],
      ],
    });
    expect(messages(result, 'reprovision')).toEqual([
      expect.stringMatching(/compare the recorded principal id with the identity's/),
    ]);
  });

  it('fails without the postdown hook that clears the wiring', () => {
    const result = checkCopy({ 'azure.yaml': [['  postdown:', '  postprovision:']] });
    expect(messages(result, 'azd')).toEqual([
      expect.stringMatching(/^no postdown hook running `npm run postdown`/),
    ]);
  });
});

describe('Web PubSub SKU and units', () => {
  it('passes on the real module', () => {
    expect(messages(checkCopy({}), 'sku-capacity')).toEqual([]);
  });

  it('fails when the units go to the resource unchecked', () => {
    const result = checkCopy({
      'infra/modules/webpubsub.bicep': [
        [
          'sku: { name: sku, tier: tier, capacity: units }\n  properties: {\n    disableLocalAuth',
          'sku: { name: sku, tier: tier, capacity: capacity }\n  properties: {\n    disableLocalAuth',
        ],
      ],
    });
    expect(messages(result, 'sku-capacity')).toEqual([
      expect.stringMatching(/^sku\.capacity is not checked against the SKU/),
    ]);
  });

  it('fails when the table disagrees with the documented units', () => {
    const result = checkCopy({
      'infra/modules/webpubsub.bicep': [
        [
          'Premium_P2: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]',
          'Premium_P2: [1, 2, 3]',
        ],
        ['  Free_F1: [1]\n', ''],
      ],
    });
    expect(messages(result, 'sku-capacity')).toEqual([
      'the units table has no row for Free_F1',
      'Premium_P2 accepts 100 ... 1000 units, not 1, 2, 3',
    ]);
  });
});

describe('App Service Authentication', () => {
  it('passes on the real module', () => {
    expect(messages(checkCopy({}), 'auth')).toEqual([]);
  });

  it('fails when anonymous requests pass (forged principal headers would reach negotiate)', () => {
    const result = checkCopy({
      'infra/modules/app-auth.bicep': [
        ['requireAuthentication: true', 'requireAuthentication: false'],
        [
          "unauthenticatedClientAction: 'Return401'",
          "unauthenticatedClientAction: 'AllowAnonymous'",
        ],
      ],
    });
    expect(messages(result, 'auth')).toEqual([
      expect.stringMatching(/^globalValidation\.requireAuthentication must be true/),
      'unauthenticatedClientAction must be Return401 (an API answers, it does not redirect), not AllowAnonymous',
    ]);
  });

  it('fails when negotiate is excluded or the webhook is not', () => {
    const result = checkCopy({
      'infra/modules/app-auth.bicep': [
        ["  '/api/negotiate/guest'\n", "  '/api/*'\n"],
        ["  '/runtime/webhooks/webpubsub'\n", ''],
      ],
    });
    expect(messages(result, 'auth')).toEqual([
      'excludedPaths "/api/*" lets unauthenticated requests reach /api/negotiate',
      'excludedPaths must list /runtime/webhooks/webpubsub: Web PubSub calls it with the system key, not a user token',
    ]);
  });

  it('fails without an explicit defaultAuthorizationPolicy, or with Easy Auth off', () => {
    const policy = checkCopy({
      'infra/modules/app-auth.bicep': [
        ['      defaultAuthorizationPolicy: { allowedApplications: allowedApplications }\n', ''],
      ],
    });
    expect(messages(policy, 'auth')).toEqual([
      expect.stringMatching(/^the Entra provider has no validation\.defaultAuthorizationPolicy/),
    ]);
    const off = checkCopy({
      'infra/modules/app-auth.bicep': [
        ['platform: { enabled: true }', 'platform: { enabled: false }'],
      ],
    });
    expect(messages(off, 'auth')).toEqual(['platform.enabled must be true']);
  });

  it('matches excluded paths as Easy Auth does: exact, or a prefix ending in /*', () => {
    expect(excludes('/api/negotiate/guest', '/api/negotiate')).toBe(false);
    expect(excludes('/api/*', '/api/negotiate')).toBe(true);
    expect(excludes('/api/negotiate', '/api/negotiate')).toBe(true);
    expect(excludes('/', '/api/negotiate')).toBe(false);
  });
});

describe('resource logs', () => {
  it('passes on the real templates', () => {
    expect(messages(checkCopy({}), 'diagnostics')).toEqual([]);
  });

  it('fails when Web PubSub does not send its messaging logs', () => {
    const result = checkCopy({
      'infra/modules/diagnostics.bicep': [
        ["      { category: 'MessagingLogs', enabled: true }\n", ''],
      ],
    });
    expect(messages(result, 'diagnostics')).toEqual([
      'the diagnostic setting of Microsoft.SignalRService/webPubSub does not send MessagingLogs',
    ]);
  });

  it('fails when the Function App has no diagnostic setting', () => {
    const result = checkCopy({
      'infra/modules/diagnostics.bicep': [[/resource functionAppLogs [\s\S]*$/, '']],
    });
    expect(messages(result, 'diagnostics')).toEqual([
      "no diagnostic setting sends Microsoft.Web/sites's logs to a Log Analytics workspace",
    ]);
  });
});
