// GET /api/devices: every registered device with its presence, for a dashboard's first paint
// (live changes then arrive in the presence group).
const { app } = require('@azure/functions');

const { listDevices } = require('../lib/device-store');
const { knownDevices } = require('../lib/registry');

app.http('devices', {
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async () => {
    const seen = new Map((await listDevices()).map((d) => [d.deviceId, d]));
    const devices = [...knownDevices()]
      .sort()
      .map(
        (deviceId) =>
          seen.get(deviceId) ?? { deviceId, online: false, since: null, lastDisconnect: null },
      );
    // Session ids stay server-side: a dashboard needs who is online, since when and why not.
    return {
      jsonBody: devices.map((d) => ({
        deviceId: d.deviceId,
        online: d.online,
        since: d.since,
        lastDisconnect: d.lastDisconnect,
      })),
    };
  },
});
