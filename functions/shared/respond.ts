// Runs a user event: parse its envelope with the contract's schema, run the chat operation, emit its
// effects as output bindings, and answer the sender with the typed reply. Bad input or a refused
// operation gets an `error` reply and nothing is sent; the reply carries the client's `id` when it
// has a valid one, even when the rest of the envelope failed validation.
import type { InvocationContext } from '@azure/functions';

import type { UserEventRequest, UserEventResponse } from '../../bindings';
import { jsonResponse } from '../../bindings';
import type { Outcome } from '../../chat/effects';
import { parseEnvelope } from '../../chat/envelope';
import { ChatError, chatError } from '../../chat/errors';
import type { Caller } from '../../chat/service';
import type { ClientEnvelope } from '../../chat-contract/envelopes';
import { ENVELOPE_SCHEMAS } from '../../chat-contract/envelopes';
import type { UserEventName } from '../../chat-contract/events';
import type { ErrorReply, Reply } from '../../chat-contract/payloads';
import { callerOf } from './caller';
import { emitEffects } from './effects-sink';

export async function respond<E extends UserEventName>(
  event: E,
  request: UserEventRequest,
  context: InvocationContext,
  operation: (caller: Caller, envelope: ClientEnvelope<E>) => Promise<Outcome<Reply<E>>>,
): Promise<UserEventResponse> {
  const parsed = parseEnvelope(ENVELOPE_SCHEMAS[event], request.data);
  if (!parsed.ok) return jsonResponse(errorReply(parsed.error, { id: parsed.id }));
  try {
    const { reply, effects } = await operation(callerOf(request.connectionContext), parsed.value);
    emitEffects(context, effects);
    return jsonResponse(reply);
  } catch (err) {
    if (err instanceof ChatError) return jsonResponse(errorReply(err, parsed.value));
    // Never thrown at the host: the real extension would leave the service's call hanging.
    context.error(`${event} failed:`, err);
    const unavailable = chatError('Unavailable', 'The server could not complete this; try again.');
    return jsonResponse(errorReply(unavailable, parsed.value));
  }
}

function errorReply(error: ChatError, envelope?: object): ErrorReply {
  const id = envelope && 'id' in envelope && typeof envelope.id === 'string' ? envelope.id : '';
  return { type: 'error', code: error.code, message: error.message, ...(id ? { id } : {}) };
}
