// user/join (blocking), data: a room name. Adds the connection to the room's group and tells the
// room; the sender's reply confirms it.
const { app } = require('@azure/functions');

const { HUB, actions, chatLine } = require('../lib/bindings');

app.webPubSub('join', {
  name: 'request',
  hub: HUB,
  eventType: 'user',
  eventName: 'join',
  extraOutputs: [actions],
  handler: (request, context) => {
    const { connectionId, userId } = request.connectionContext;
    const room = String(request.data).trim();
    if (!/^[\w-]{1,64}$/.test(room)) {
      return { code: 'userError', errorMessage: 'A room name is 1-64 letters, digits, _ or -.' };
    }
    context.extraOutputs.set(actions, [
      { actionName: 'addConnectionToGroup', connectionId, group: room },
      {
        actionName: 'sendToGroup',
        group: room,
        ...chatLine('system', `${userId} joined #${room}`),
      },
    ]);
    return { data: `joined #${room}`, dataType: 'text' };
  },
});
