// sys/connect for Web PubSub clients (the dashboards): join the telemetry topic's group and the
// presence group, so a dashboard sees what devices publish and who is online.
const { app } = require('@azure/functions');

const { HUB, PRESENCE_GROUP, TELEMETRY_TOPIC } = require('../lib/hub');

app.webPubSub('connectDashboard', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'connect',
  clientProtocols: 'webPubSub',
  handler: () => ({ groups: [TELEMETRY_TOPIC, PRESENCE_GROUP] }),
});
