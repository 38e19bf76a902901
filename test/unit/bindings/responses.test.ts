// Responses to blocking events and the HTTP error body, in the shapes the extension and clients read.
import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';

import type { UserEventRequest } from '../../../bindings';
import { eventError, httpError, jsonResponse, triggerHandler } from '../../../bindings';

describe('responses', () => {
  it('serialises a user-event reply once, with states only when given', () => {
    expect(jsonResponse({ type: 'left', room: 'a' })).toEqual({
      data: '{"type":"left","room":"a"}',
      dataType: 'json',
    });
    expect(jsonResponse(1, { n: 1 })).toMatchObject({ states: { n: 1 } });
  });

  it('builds event errors and HTTP errors', () => {
    expect(eventError('unauthorized', 'no')).toEqual({ code: 'unauthorized', errorMessage: 'no' });
    expect(httpError(404, 'NotFound', 'No such file.')).toEqual({
      status: 404,
      jsonBody: { error: { code: 'NotFound', message: 'No such file.' } },
    });
  });
});

describe('triggerHandler', () => {
  it('hands the trigger argument and the context to the typed handler', () => {
    const seen: UserEventRequest[] = [];
    const handler = triggerHandler('user', (request: UserEventRequest) => seen.push(request));
    const request = { connectionContext: { connectionId: 'c1' }, data: '{}', dataType: 'Json' };
    handler(request, new InvocationContext());
    expect(seen).toEqual([request]);
  });
});
