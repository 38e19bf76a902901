// sys/connect for MQTT clients (blocking): only registered devices, each with its device id as
// its MQTT client id, may connect; they may publish to the telemetry topic and nothing else.
// Refusals carry the CONNACK code of the device's MQTT version.
const { app } = require('@azure/functions');

const { HUB, TELEMETRY_TOPIC } = require('../lib/hub');
const { mqttRefusal } = require('../lib/mqtt-codes');
const { knownDevices } = require('../lib/registry');

app.webPubSub('connectDevice', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'connect',
  clientProtocols: 'mqtt',
  handler: (request, context) => {
    const { userId, connectionId } = request.connectionContext;
    const protocolVersion = request.mqtt?.protocolVersion;
    if (!userId || !knownDevices().has(userId)) {
      context.warn(`refused unknown device '${userId ?? ''}'`);
      return mqttRefusal('notAuthorized', protocolVersion, `unknown device '${userId ?? ''}'`);
    }
    // For MQTT clients the connection id is the MQTT client id.
    if (connectionId !== userId) {
      return mqttRefusal(
        'clientIdentifierNotValid',
        protocolVersion,
        `connect with client id '${userId}'`,
      );
    }
    return {
      userId,
      roles: [`webpubsub.sendToGroup.${TELEMETRY_TOPIC}`],
      // MQTT 5.0 devices read these from the CONNACK.
      mqtt: { userProperties: [{ name: 'telemetry-topic', value: TELEMETRY_TOPIC }] },
    };
  },
});
