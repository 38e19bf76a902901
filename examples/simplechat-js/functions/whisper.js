// user/whisper (blocking), data `{ "to": "bob", "text": "..." }`: a private line to every
// connection of one user; the sender gets it back as the event's reply.
const { app } = require('@azure/functions');

const { HUB, actions, chatLine, eventData } = require('../lib/bindings');

app.webPubSub('whisper', {
  name: 'request',
  hub: HUB,
  eventType: 'user',
  eventName: 'whisper',
  extraOutputs: [actions],
  handler: (request, context) => {
    const { userId } = request.connectionContext;
    const { to, text } = eventData(request) ?? {};
    if (typeof to !== 'string' || typeof text !== 'string') {
      return { code: 'userError', errorMessage: 'A whisper needs "to" and "text" strings.' };
    }
    const line = chatLine(userId, text, { to, private: true });
    context.extraOutputs.set(actions, [{ actionName: 'sendToUser', userId: to, ...line }]);
    return line;
  },
});
