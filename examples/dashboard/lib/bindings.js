// The bindings the dashboard's functions share: the hub (an app setting, as in Azure) and the
// `webPubSub` output that carries their pushes to the service.
const { output } = require('@azure/functions');

/** Resolved from the `WebPubSubHub` app setting by the host (and by the local stack). */
const HUB = '%WebPubSubHub%';

const actions = output.webPubSub({ name: 'actions', hub: HUB });

/** A push as clients receive it: one JSON object with a `type`. */
function push(message) {
  return { data: JSON.stringify(message), dataType: 'json' };
}

module.exports = { HUB, actions, push };
