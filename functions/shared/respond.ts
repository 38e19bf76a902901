// Runs a user event: parse the envelope, call the chat operation, emit its effects as output
// bindings, and answer the sender. Bad input or a refused operation gets an `error` reply and
// nothing is sent.
import type { InvocationContext } from '@azure/functions';
import type { z } from 'zod';

import type { UserEventRequest, UserEventResponse } from '../../bindings';
import { emitActions, emitOccupancy, jsonResponse, toActions } from '../../bindings';
import type { Outcome } from '../../chat/effects';
import { parseEnvelope } from '../../chat/envelope';
import { ChatError } from '../../chat/errors';
import type { Caller } from '../../chat/service';
import { callerOf } from './caller';

export async function respond<T>(
  request: UserEventRequest,
  context: InvocationContext,
  schema: z.ZodType<T>,
  operation: (caller: Caller, envelope: T) => Promise<unknown>,
): Promise<UserEventResponse> {
  const parsed = parseEnvelope(schema, request.data);
  if (!parsed.ok) return errorReply(parsed.error);
  try {
    const result = await operation(callerOf(request.connectionContext), parsed.value);
    if (!isOutcome(result)) return jsonResponse(result);
    emitActions(context, toActions(result.effects.groups, result.effects.deliveries));
    emitOccupancy(context, result.effects.occupancy);
    return jsonResponse(result.reply);
  } catch (err) {
    if (err instanceof ChatError) return errorReply(err, idOf(parsed.value));
    throw err;
  }
}

function errorReply(error: ChatError, id?: string): UserEventResponse {
  return jsonResponse({
    type: 'error',
    code: error.code,
    message: error.message,
    ...(id ? { id } : {}),
  });
}

function isOutcome(value: unknown): value is Outcome<unknown> {
  return typeof value === 'object' && value !== null && 'reply' in value && 'effects' in value;
}

function idOf(envelope: unknown): string | undefined {
  const id = (envelope as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}
