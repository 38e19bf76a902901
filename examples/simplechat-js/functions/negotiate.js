// GET /api/negotiate?userId=alice: a client access URL for the hub, signed for that user by the
// `webPubSubConnection` input binding. Without a userId the connection is anonymous (and refused
// by `connect`).
const { app, input } = require('@azure/functions');

const { HUB } = require('../lib/bindings');

const connection = input.webPubSubConnection({
  name: 'connection',
  hub: HUB,
  userId: '{query.userId}',
});

app.http('negotiate', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  extraInputs: [connection],
  handler: (_request, context) => ({ jsonBody: context.extraInputs.get(connection) }),
});
