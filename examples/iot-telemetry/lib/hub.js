// The hub, its groups and the `webPubSub` output every function shares. MQTT topics are Web PubSub
// groups: devices publish to the `telemetry` topic, dashboards are members of that group and of
// `presence`, where the functions announce devices going online and offline.
const { output } = require('@azure/functions');

/** Resolved from the `WebPubSubHub` app setting by the host (and by the local stack). */
const HUB = '%WebPubSubHub%';

const TELEMETRY_TOPIC = 'telemetry';
const PRESENCE_GROUP = 'presence';

const actions = output.webPubSub({ name: 'actions', hub: HUB });

/** A presence update as dashboards receive it: one JSON message in the `presence` group. */
function presenceAction(update) {
  return {
    actionName: 'sendToGroup',
    group: PRESENCE_GROUP,
    data: JSON.stringify({ type: 'presence', ...update }),
    dataType: 'json',
  };
}

module.exports = { HUB, TELEMETRY_TOPIC, PRESENCE_GROUP, actions, presenceAction };
