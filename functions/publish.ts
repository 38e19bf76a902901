// `POST /api/publish` (function key): servers send to everyone, a group, a user or a connection,
// with `excluded` and an OData `filter`.
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { app } from '@azure/functions';

import { publish as publishTo } from '../adapters/web-pubsub/publish';
import { publishSchema } from '../chat-contract/server-api';
import { services } from './shared/app-services';
import { jsonBody, serviceError } from './shared/http-body';

export async function publish(request: HttpRequest): Promise<HttpResponseInit> {
  const body = await jsonBody(request, publishSchema);
  if (!body.ok) return body.response;
  try {
    await publishTo(services().serviceClient, body.value);
  } catch (err) {
    return serviceError(err);
  }
  return { status: 202, jsonBody: { accepted: true } };
}

app.http('publish', {
  methods: ['POST'],
  authLevel: 'function',
  route: 'api/publish',
  handler: publish,
});
