// Pure MQTT parts of the host's Web PubSub extension: when an event is an MQTT client's, how the
// `mqtt` parts of connect and disconnected bodies are read, and how a connect function's MQTT
// answer converts (Azure/azure-sdk-for-net sdk/webpubsub: Microsoft.Azure.WebJobs.Extensions.WebPubSub
// Trigger/WebPubSubTriggerDispatcher.cs, Utilities.cs; Microsoft.Azure.WebPubSub.Common
// Shared/WebPubSubErrorCodeExtensions.cs, Internal/MqttConnectPropertiesJsonConverter.cs).
import { describe, expect, it } from 'vitest';

import { readConnectionContext } from '../../../packages/functions-host/src/webpubsub/connection-context';
import {
  hasMqttErrorCode,
  mqttAcceptance,
  mqttRefusal,
} from '../../../packages/functions-host/src/webpubsub/mqtt-connect-response';
import {
  readMqttConnect,
  readMqttDisconnected,
} from '../../../packages/functions-host/src/webpubsub/mqtt-event-bodies';

const HEADERS = {
  'ce-connectionid': 'dev1',
  'ce-hub': 'iot',
  'ce-type': 'azure.webpubsub.sys.connected',
  'ce-eventname': 'connected',
  'webhook-request-origin': 'localhost',
};

describe("which events are MQTT clients'", () => {
  it('needs ce-subprotocol mqtt and ce-physicalConnectionId; reads the session id', () => {
    const ctx = readConnectionContext(
      {
        ...HEADERS,
        'ce-subprotocol': 'mqtt',
        'ce-physicalconnectionid': 'p1',
        'ce-sessionid': 's1',
      },
      {},
    );
    expect(ctx?.mqtt).toEqual({ physicalConnectionId: 'p1', sessionId: 's1' });
    const noSession = readConnectionContext(
      { ...HEADERS, 'ce-subprotocol': 'mqtt', 'ce-physicalconnectionid': 'p1' },
      {},
    );
    expect(noSession?.mqtt).toEqual({ physicalConnectionId: 'p1', sessionId: null });
    for (const extra of [
      { 'ce-subprotocol': 'mqtt' },
      { 'ce-physicalconnectionid': 'p1' },
      { 'ce-subprotocol': 'MQTT', 'ce-physicalconnectionid': 'p1' },
    ]) {
      expect(readConnectionContext({ ...HEADERS, ...extra }, {})?.mqtt).toBeNull();
    }
  });
});

describe('MQTT bodies', () => {
  it('keeps the CONNECT fields the extension knows, and null for a missing mqtt', () => {
    expect(readMqttConnect({ protocolVersion: 4, cleanStart: false, username: 'u' })).toEqual({
      protocolVersion: 4,
      username: 'u',
      password: null,
      userProperties: null,
    });
    expect(readMqttConnect(undefined)).toBeNull();
    expect(() => readMqttConnect({ username: 'u' })).toThrow("'protocolVersion'");
    expect(() => readMqttConnect({ protocolVersion: 5, password: 1 })).toThrow("'password'");
    expect(() => readMqttConnect({ protocolVersion: 5, userProperties: [{ name: 1 }] })).toThrow();
  });

  it('reads the disconnection: who started it and the DISCONNECT packet', () => {
    expect(
      readMqttDisconnected({ initiatedByClient: true, disconnectPacket: { code: 0 } }),
    ).toEqual({ initiatedByClient: true, disconnectPacket: { code: 0, userProperties: null } });
    expect(readMqttDisconnected({})).toEqual({ initiatedByClient: false, disconnectPacket: null });
    expect(() => readMqttDisconnected({ initiatedByClient: 'yes' })).toThrow();
    expect(() => readMqttDisconnected({ disconnectPacket: { code: 'x' } })).toThrow();
  });
});

describe('MQTT connect answers', () => {
  it('sees a refusal only in an `mqtt` object with a `code`', () => {
    expect(hasMqttErrorCode({ mqtt: { code: 5 } })).toBe(true);
    expect(hasMqttErrorCode({ mqtt: { reason: 'x' } })).toBe(false);
    expect(hasMqttErrorCode({ MQTT: { code: 5 } })).toBe(false);
    expect(hasMqttErrorCode({ mqtt: null })).toBe(false);
  });

  it('classes each code as the extension does: 401, 400 or 500', () => {
    const status = (code: number) => mqttRefusal({ mqtt: { code } }).status;
    expect([1, 2, 3, 4, 5].map(status)).toEqual([400, 400, 500, 400, 401]);
    expect([0x81, 0x83, 0x84, 0x85, 0x86, 0x87, 0x8a, 0x8c, 0x90, 0x99, 0x9f].map(status)).toEqual([
      400, 400, 400, 400, 400, 401, 400, 400, 400, 400, 400,
    ]);
    expect([0x88, 0x89, 0x95, 0x97, 0x9a, 0x9b, 0x9c, 0x9d].map(status)).toEqual(
      Array(8).fill(500),
    );
    for (const code of [0, 6, 0x80, 0x82, 0x8b, 256, -1]) {
      expect(() => status(code), `code ${code}`).toThrow();
    }
    // Cast to a byte, as the extension's enum is: 0x187 is 0x87.
    expect(JSON.parse(mqttRefusal({ mqtt: { code: 0x187 } }).body)).toMatchObject({
      mqtt: { code: 0x87 },
    });
  });

  it('writes the refusal with nulls kept and reads names in any case', () => {
    const refusal = mqttRefusal({
      Mqtt: { Code: '135', Reason: 7, UserProperties: [{ Name: 'a', Value: 1 }] },
    });
    expect(JSON.parse(refusal.body)).toEqual({
      mqtt: { code: 135, reason: '7', userProperties: [{ name: 'a', value: '1' }] },
    });
    expect(() => mqttRefusal({ code: 'unauthorized' })).toThrow('Object reference');
  });

  it('passes CONNACK user properties of an acceptance, null when there are none', () => {
    expect(mqttAcceptance({ mqtt: { userProperties: [{ name: 'a', value: 'b' }] } })).toEqual({
      userProperties: [{ name: 'a', value: 'b' }],
    });
    expect(mqttAcceptance({ mqtt: {} })).toEqual({ userProperties: null });
    expect(mqttAcceptance({})).toBeNull();
    expect(() => mqttAcceptance({ mqtt: 'x' })).toThrow();
  });
});
