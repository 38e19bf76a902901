// The hub's settings in Bicep and the emulator's hub config keep one shape: the hub resource's
// `properties`, as infra/modules/webpubsub-hub.bicep writes them (and with the preview API's
// `groupPresenceEvents`, Azure/bicep-types-az generated/webpubsub/microsoft.signalrservice/
// 2025-12-01-preview EventHandler), are a valid emulator hub config, read by the emulator's own
// strict parser, so a property one side gains and the other lacks fails here.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { alternatives } from '../../../infra/tools/bicep-check/expressions';
import {
  bodyObject,
  properties,
  resources,
  stringText,
} from '../../../infra/tools/bicep-check/model';
import type { BicepFile } from '../../../infra/tools/bicep-check/parse';
import { parseBicepFile, parseBicepSource } from '../../../infra/tools/bicep-check/parse';
import type { SyntaxNode } from '../../../infra/tools/bicep-check/syntax';
import { parseHubSettings } from '../../../packages/emulator/src/config';
import { REPO } from './infra-fixtures';

/** A URL the emulator accepts, for a urlTemplate Bicep computes at deployment. */
const COMPUTED_URL = 'https://func.example/runtime/webhooks/webpubsub';

/** The JSON a Bicep literal stands for; expressions known only at deployment become placeholders. */
function toJson(file: BicepFile, node: SyntaxNode | undefined, key = ''): unknown {
  const value = alternatives(file, node)[0];
  if (!value) return undefined;
  if (value.type === 'object') {
    return Object.fromEntries(
      [...properties(value)].map(([k, v]) => [k, toJson(file, v, k)] as const),
    );
  }
  if (value.type === 'array') return value.namedChildren.map((c) => toJson(file, c, key));
  if (value.type === 'number') return Number(value.text);
  if (value.type === 'boolean') return value.text === 'true';
  return stringText(value) ?? (key === 'urlTemplate' ? COMPUTED_URL : `<${value.text}>`);
}

function hubProperties(file: BicepFile): unknown {
  const hub = resources(file).find((r) =>
    r.target?.startsWith('Microsoft.SignalRService/webPubSub/hubs@'),
  );
  expect(hub, 'a hub resource').toBeDefined();
  return toJson(file, properties(bodyObject(hub!.value)).get('properties'));
}

const HUB_FILE = path.join(REPO, 'infra/modules/webpubsub-hub.bicep');

describe("the Bicep hub and the emulator's hub config", () => {
  it("read the templates' hub settings as an emulator hub config", () => {
    const settings = hubProperties(parseBicepFile(HUB_FILE));
    expect(parseHubSettings(settings)).toEqual({
      anonymousConnectPolicy: 'deny',
      eventHandlers: [
        {
          urlTemplate: COMPUTED_URL,
          userEventPattern: 'delete,edit,history,join,leave,message,react,read,rooms',
          systemEvents: ['connect', 'connected', 'disconnected'],
        },
      ],
    });
  });

  it('read the preview hub settings with groupPresenceEvents and the keep-alive interval', () => {
    const source = `
resource hub 'Microsoft.SignalRService/webPubSub/hubs@2025-12-01-preview' = {
  name: 'chat'
  properties: {
    anonymousConnectPolicy: 'allow'
    webSocketKeepAliveIntervalInSeconds: 30
    eventHandlers: [
      {
        urlTemplate: 'https://func.example/runtime/webhooks/webpubsub'
        userEventPattern: 'joined,left'
        groupPresenceEvents: { eventNames: ['joined', 'left'], groupFilters: ['room-*'] }
      }
    ]
  }
}`;
    const settings = hubProperties(parseBicepSource('presence.bicep', source));
    expect(parseHubSettings(settings)).toEqual(settings);
  });

  it('refuse what the ARM hub has no property for, so the two cannot drift apart', () => {
    const source = `
resource hub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01' = {
  name: 'chat'
  properties: {
    eventHandlers: [
      { urlTemplate: 'https://func.example/x', groupPresence: { eventNames: ['joined'] } }
    ]
  }
}`;
    expect(() => parseHubSettings(hubProperties(parseBicepSource('typo.bicep', source)))).toThrow(
      /groupPresence/,
    );
  });
});
