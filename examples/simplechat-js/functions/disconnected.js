// sys/disconnected (non-blocking): tells everyone still here who left.
const { app } = require('@azure/functions');

const { HUB, actions, chatLine } = require('../lib/bindings');

app.webPubSub('disconnected', {
  name: 'request',
  hub: HUB,
  eventType: 'system',
  eventName: 'disconnected',
  extraOutputs: [actions],
  handler: (request, context) => {
    const { userId } = request.connectionContext;
    context.extraOutputs.set(actions, [
      { actionName: 'sendToAll', ...chatLine('system', `${userId} left`) },
    ]);
  },
});
