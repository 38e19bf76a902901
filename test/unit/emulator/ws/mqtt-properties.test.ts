// Pure MQTT conversions: user properties both ways, the content type -> data type mapping
// (azure-docs reference-mqtt-cross-protocol-communication.md), CONNACK codes from an upstream's
// answer (reference-mqtt-cloud-events.md: invalid codes become "unspecified error"), and the wire
// contract's code <-> HTTP status mappings (express 1.1.0 and the .NET extension).
import { describe, expect, it } from 'vitest';

import {
  connackFailureCode,
  fromUserPropertyList,
  hasWildcard,
  payloadToData,
  toUserPropertyList,
} from '../../../../packages/emulator/src/ws/mqtt/properties';
import {
  httpStatusToMqttConnectCode,
  isMqttConnectErrorResponse,
  mqttConnectCodeToHttpStatus,
} from '../../../../packages/wire/src/mqtt';

describe('MQTT user properties', () => {
  it('turns mqtt-packet maps into { name, value } lists and back, repeated names kept', () => {
    const list = toUserPropertyList({ a: '1', b: ['2', '3'] });
    expect(list).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
      { name: 'b', value: '3' },
    ]);
    expect(fromUserPropertyList(list)).toEqual({ a: ['1'], b: ['2', '3'] });
    expect(toUserPropertyList(undefined)).toBeNull();
    expect(fromUserPropertyList([])).toBeUndefined();
  });
});

describe('payloadToData', () => {
  const bytes = Buffer.from('{"a":1}');
  it.each([
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['text/plain', 'text'],
    ['application/x-protobuf', 'protobuf'],
    ['application/octet-stream', 'binary'],
    [undefined, 'binary'],
    ['image/png', 'binary'],
  ])('maps content type %s to %s', (contentType, dataType) => {
    expect(payloadToData(bytes, contentType)).toEqual({ dataType, bytes });
  });

  it('refuses JSON that does not parse and text that is not UTF-8', () => {
    expect(payloadToData(Buffer.from('{'), 'application/json')).toEqual(expect.any(String));
    expect(payloadToData(Buffer.from([0xc3]), 'text/plain')).toEqual(expect.any(String));
  });
});

describe('CONNACK codes', () => {
  it('keeps valid upstream codes and replaces invalid ones', () => {
    expect(connackFailureCode(0x8a, 5)).toBe(0x8a);
    expect(connackFailureCode(0x10, 5)).toBe(0x80);
    expect(connackFailureCode(0, 5)).toBe(0x80);
    expect(connackFailureCode(5, 4)).toBe(5);
    expect(connackFailureCode(0x87, 4)).toBe(3);
    expect(connackFailureCode(0, 4)).toBe(3);
  });

  it('maps HTTP failures as express 1.1.0 does, and codes to statuses as the SDKs do', () => {
    expect([400, 401, 500, 418].map((s) => httpStatusToMqttConnectCode(s, 4))).toEqual([
      4, 5, 3, 3,
    ]);
    expect([400, 401, 500, 418].map((s) => httpStatusToMqttConnectCode(s, 5))).toEqual([
      0x86, 0x87, 0x80, 0x80,
    ]);
    expect([1, 3, 5, 0x87, 0x8a, 0x97, 0x89, 0x10].map(mqttConnectCodeToHttpStatus)).toEqual([
      400,
      503,
      401,
      401,
      403,
      429,
      500,
      undefined,
    ]);
  });

  it('recognises an MQTT error body', () => {
    expect(isMqttConnectErrorResponse({ mqtt: { code: 135 } })).toBe(true);
    expect(isMqttConnectErrorResponse({ mqtt: { code: '135' } })).toBe(false);
    expect(isMqttConnectErrorResponse({ code: 401 })).toBe(false);
    expect(isMqttConnectErrorResponse(null)).toBe(false);
  });
});

describe('hasWildcard', () => {
  it('finds + and #', () => {
    expect(['a/+', '#', 'a/b'].map(hasWildcard)).toEqual([true, true, false]);
  });
});
