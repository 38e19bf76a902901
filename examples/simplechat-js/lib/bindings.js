// The bindings every chat function shares: the hub (an app setting, as in Azure) and the
// `webPubSub` output that carries each function's actions to the service.
const { output } = require('@azure/functions');

/** Resolved from the `WebPubSubHub` app setting by the host (and by the local stack). */
const HUB = '%WebPubSubHub%';

const actions = output.webPubSub({ name: 'actions', hub: HUB });

/** A chat line as every client receives it: JSON, from a user or from `system`. */
function chatLine(from, text, extra = {}) {
  return { data: JSON.stringify({ from, text, ...extra }), dataType: 'json' };
}

/** A user event's data: the request carries text, parsed here for events sent as JSON. */
function eventData(request) {
  const { data, dataType } = request;
  return String(dataType).toLowerCase() === 'json' && typeof data === 'string'
    ? JSON.parse(data)
    : data;
}

module.exports = { HUB, actions, chatLine, eventData };
