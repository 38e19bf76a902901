// Roles, the hub's events, queues and tables, and azd wiring: each check fails on a broken copy
// of the real templates (or on facts where the code changed and Bicep did not).
import { describe, expect, it } from 'vitest';

import { appLikeFacts, checkCopy, messages } from './infra-fixtures';

describe('roles', () => {
  it('fail when a role the code needs is not assigned to the app', () => {
    const result = checkCopy({
      'infra/modules/rbac.bicep': [
        [
          'var storageRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]',
          'var storageRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor]',
        ],
      ],
    });
    expect(messages(result, 'roles')).toEqual([
      expect.stringMatching(/^the app's identity needs Storage Table Data Contributor \(0a9a7e1f-/),
    ]);
  });

  it('fail when the role is at the wrong scope or for a user instead of the app', () => {
    const scope = checkCopy({
      'infra/modules/rbac.bicep': [
        [
          "  scope: webPubSub\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.webPubSubServiceOwner)\n    principalId: appPrincipalId",
          "  scope: appInsights\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.webPubSubServiceOwner)\n    principalId: appPrincipalId",
        ],
      ],
    });
    expect(messages(scope, 'roles')).toEqual([expect.stringContaining('Web PubSub Service Owner')]);
    const user = checkCopy({
      'infra/modules/rbac.bicep': [
        [
          "principalId: appPrincipalId\n    principalType: 'ServicePrincipal'\n  }\n}\n\nresource appWebPubSub",
          "principalId: appPrincipalId\n    principalType: 'User'\n  }\n}\n\nresource appWebPubSub",
        ],
      ],
    });
    expect(messages(user, 'roles')).toEqual([
      expect.stringContaining('Monitoring Metrics Publisher'),
    ]);
  });

  it('require the roles the code implies, and only those', () => {
    const noTables = appLikeFacts({
      tables: [],
      packages: ['@azure/web-pubsub'],
      bindingTypes: ['webPubSubTrigger'],
    });
    const removed = checkCopy(
      {
        'infra/modules/rbac.bicep': [
          [', roles.storageQueueDataContributor, roles.storageTableDataContributor]', ']'],
        ],
      },
      noTables,
    );
    expect(messages(removed, 'roles')).toEqual([]);
  });
});

describe('hub events', () => {
  it('fail when the code handles an event the hub does not list', () => {
    const facts = appLikeFacts({
      events: {
        system: ['connect', 'connected', 'disconnected'],
        user: [
          ...['delete', 'edit', 'history', 'join', 'leave', 'message', 'react', 'read', 'rooms'],
          'typing',
        ],
      },
    });
    expect(messages(checkCopy({}, facts), 'hub-events')).toEqual([
      'the app handles the user event "typing" but the hub\'s event handler does not list it',
    ]);
  });

  it('fail when the hub lists an event no trigger handles, or everything with *', () => {
    const extra = checkCopy({
      'infra/modules/webpubsub-hub.bicep': [
        [
          "'delete,edit,history,join,leave,message,react,read,rooms'",
          "'delete,edit,history,join,leave,message,react,read,rooms,typing'",
        ],
      ],
    });
    expect(messages(extra, 'hub-events')).toEqual([
      expect.stringContaining('lists the user event "typing" but no trigger handles it'),
    ]);
    const star = checkCopy({
      'infra/modules/webpubsub-hub.bicep': [
        ["'delete,edit,history,join,leave,message,react,read,rooms'", "'*'"],
      ],
    });
    expect(messages(star, 'hub-events')).toContain(
      'the hub lists the user event "*" but no trigger handles it (the extension answers 404)',
    );
    const system = checkCopy({
      'infra/modules/webpubsub-hub.bicep': [
        [
          "systemEvents: ['connect', 'connected', 'disconnected']",
          "systemEvents: ['connect', 'connected']",
        ],
      ],
    });
    expect(messages(system, 'hub-events')).toEqual([
      'the app handles the system event "disconnected" but the hub\'s event handler does not list it',
    ]);
  });

  it('fail when the handler is not the app webhook, or anonymous clients are allowed', () => {
    const url = checkCopy({
      'infra/modules/webpubsub-hub.bicep': [['/runtime/webhooks/webpubsub', '/api/webpubsub']],
    });
    expect(messages(url, 'hub-events')).toEqual([
      "the event handler's urlTemplate is not the Function App's /runtime/webhooks/webpubsub",
    ]);
    const anonymous = checkCopy({
      'infra/modules/webpubsub-hub.bicep': [
        ["anonymousConnectPolicy: 'deny'", "anonymousConnectPolicy: 'allow'"],
      ],
    });
    expect(messages(anonymous, 'hub-events')).toEqual([
      "anonymousConnectPolicy must not be 'allow'",
    ]);
  });
});

describe('queues and tables', () => {
  it('fail when a queue or table the app uses is not created, or one it does not use is', () => {
    const result = checkCopy({
      'infra/modules/storage.bicep': [
        ["'notifications-poison', 'occupancy'", "'notifications-poison', 'audit'"],
      ],
    });
    expect(messages(result, 'storage')).toEqual([
      'the app uses the queue "occupancy" but Bicep does not create it',
      'Bicep creates the queue "audit" but the app does not use it',
    ]);
    const tables = checkCopy(
      {},
      appLikeFacts({ tables: ['history', 'presence', 'reads', 'users', 'reactions'] }),
    );
    expect(messages(tables, 'storage')).toEqual([
      'the app uses the table "reactions" but Bicep does not create it',
    ]);
  });
});

describe('azd', () => {
  it('fail when azure.yaml names a service no site is tagged for, or is not a function', () => {
    const result = checkCopy({
      'azure.yaml': [
        ['  api:', '  web:'],
        ['host: function', 'host: appservice'],
      ],
    });
    expect(messages(result, 'azd')).toEqual([
      'service "web" must have host: function',
      "no Microsoft.Web/sites resource has the tag 'azd-service-name': 'web', so azd cannot find the app to deploy to",
    ]);
  });

  it('fail without the postdeploy hook', () => {
    const result = checkCopy({ 'azure.yaml': [['  postdeploy:', '  predeploy:']] });
    expect(messages(result, 'azd')).toEqual([
      'no postdeploy hook running `npm run postdeploy` (it wires the webhook key)',
    ]);
  });

  it('fail when main.bicep stops declaring an output the hook or the smoke test reads', () => {
    const result = checkCopy({
      'infra/main.bicep': [
        ["output FUNCTION_APP_URL string = 'https://${functionApp.outputs.hostName}'\n", ''],
      ],
    });
    expect(messages(result, 'azd')).toEqual([
      'output "FUNCTION_APP_URL" is read by the postdeploy hook or the smoke test but main.bicep does not declare it',
    ]);
  });
});
