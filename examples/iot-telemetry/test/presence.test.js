// The online-tracking rules alone (lib/presence.js, no I/O): a session's end takes a device
// offline only when that session is still the device's current one.
const assert = require('node:assert/strict');
const { describe, it } = require('node:test');

const { disconnection, offline, online } = require('../lib/presence');

const AT = '2026-01-01T00:00:00.000Z';
const LATER = '2026-01-01T00:01:00.000Z';
const ctx = (sessionId) => ({ sessionId, physicalConnectionId: `p-${sessionId}` });
const why = { reason: null, initiatedByClient: true, code: 0 };

describe('presence', () => {
  it('a new session makes the device online', () => {
    assert.deepEqual(online('dev1', ctx('s1'), AT), {
      deviceId: 'dev1',
      online: true,
      sessionId: 's1',
      physicalConnectionId: 'p-s1',
      since: AT,
    });
  });

  it('the end of the current session makes it offline, with why', () => {
    const next = offline(online('dev1', ctx('s1'), AT), ctx('s1'), why, LATER);
    assert.equal(next.online, false);
    assert.equal(next.since, LATER);
    assert.deepEqual(next.lastDisconnect, why);
  });

  it('the late end of an older session changes nothing', () => {
    assert.equal(offline(online('dev1', ctx('s2'), AT), ctx('s1'), why, LATER), null);
  });

  it('a device never seen, or already offline, is left as it is', () => {
    assert.equal(offline(null, ctx('s1'), why, LATER), null);
    const gone = offline(online('dev1', ctx('s1'), AT), ctx('s1'), why, LATER);
    assert.equal(offline(gone, ctx('s1'), why, LATER), null);
  });

  it('reads the MQTT disconnection from the request, and copes without one', () => {
    assert.deepEqual(
      disconnection({
        reason: 'bye',
        mqtt: { initiatedByClient: true, disconnectPacket: { code: 4, userProperties: null } },
      }),
      { reason: 'bye', initiatedByClient: true, code: 4 },
    );
    assert.deepEqual(disconnection({ reason: null, mqtt: null }), {
      reason: null,
      initiatedByClient: false,
      code: null,
    });
  });
});
