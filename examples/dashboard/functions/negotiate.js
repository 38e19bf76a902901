// GET /api/negotiate?userId=...: a client access URL for the dashboard's hub. Clients only listen:
// the hub has no event handler.
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
