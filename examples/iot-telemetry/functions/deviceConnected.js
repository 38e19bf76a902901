// sys/connected for MQTT clients (a new MQTT session started): the device is online; dashboards
// are told.
const { app } = require('@azure/functions');

const { putOnline } = require('../lib/device-store');
const { HUB, actions, presenceAction } = require('../lib/hub');
const { online } = require('../lib/presence');

app.webPubSub('deviceConnected', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'connected',
  clientProtocols: 'mqtt',
  extraOutputs: [actions],
  handler: async (request, context) => {
    const ctx = request.connectionContext;
    const record = online(ctx.userId ?? ctx.connectionId, ctx, new Date().toISOString());
    await putOnline(record);
    context.extraOutputs.set(actions, [
      presenceAction({ deviceId: record.deviceId, online: true, since: record.since }),
    ]);
  },
});
