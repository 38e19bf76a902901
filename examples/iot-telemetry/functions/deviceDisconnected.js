// sys/disconnected for MQTT clients (an MQTT session ended): the device is offline unless it has
// started another session meanwhile; dashboards are told why (the MQTT disconnection).
const { app } = require('@azure/functions');

const { updateDevice } = require('../lib/device-store');
const { HUB, actions, presenceAction } = require('../lib/hub');
const { disconnection, offline } = require('../lib/presence');

app.webPubSub('deviceDisconnected', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'disconnected',
  clientProtocols: 'mqtt',
  extraOutputs: [actions],
  handler: async (request, context) => {
    const ctx = request.connectionContext;
    const why = disconnection(request);
    const at = new Date().toISOString();
    const written = await updateDevice(ctx.userId ?? ctx.connectionId, (current) =>
      offline(current, ctx, why, at),
    );
    if (!written) return;
    context.extraOutputs.set(actions, [
      presenceAction({ deviceId: written.deviceId, online: false, since: at, ...why }),
    ]);
  },
});
