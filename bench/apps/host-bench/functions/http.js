// The HTTP scenario's function: reads the POST body and sends it back, as the node:http floor does.
const { app } = require('@azure/functions');

app.http('httpEcho', {
  route: 'echo',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: async (request) => ({
    body: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': 'application/json' },
  }),
});
