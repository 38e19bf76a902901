// A chat user for end-to-end tests, typed by the chat contract: it sends the contract's envelopes,
// and what it receives is parsed with the contract's payload schemas, so a reply that changes shape
// is a type error here and a failure at run time (never a cast).
import type { ClientEnvelope } from '../../chat-contract/envelopes';
import type { UserEventName } from '../../chat-contract/events';
import type { ServerPayload, ServerPayloadType } from '../../chat-contract/payloads';
import { serverPayloadSchema } from '../../chat-contract/payloads';
import type { ChatUser, ConnectUserOptions } from '../setup/chat-client';
import { connectUser } from '../setup/chat-client';
import type { Principal } from '../setup/stack';

/** The payloads whose `type` can be `T` (`member_added` is a MemberEvent, say). */
export type PayloadOf<T extends ServerPayloadType> = ServerPayload extends infer P
  ? P extends { type: infer U }
    ? T extends U
      ? P
      : never
    : never
  : never;

export interface TypedChatUser {
  rc: ChatUser['rc'];
  send<E extends UserEventName>(event: E, data: ClientEnvelope<E>): Promise<void>;
  /** Every received payload of this type (matching `match`), in order. */
  all<T extends ServerPayloadType>(type: T, match?: (p: PayloadOf<T>) => boolean): PayloadOf<T>[];
  /** The first received payload of this type matching `match`. */
  waitFor<T extends ServerPayloadType>(
    type: T,
    match: (p: PayloadOf<T>) => boolean,
    what: string,
  ): Promise<PayloadOf<T>>;
}

const ofType =
  <T extends ServerPayloadType>(type: T) =>
  (p: ServerPayload): p is PayloadOf<T> =>
    p.type === type;

export async function chatUser(
  hostUrl: string,
  principal: Principal | 'guest',
  options: ConnectUserOptions = {},
): Promise<TypedChatUser> {
  const user = await connectUser(hostUrl, principal, options);
  // Every JSON object received must be one of the contract's payloads.
  const payloads = () => user.payloads().map((p) => serverPayloadSchema.parse(p));
  const all = <T extends ServerPayloadType>(
    type: T,
    match: (p: PayloadOf<T>) => boolean = () => true,
  ) => payloads().filter(ofType(type)).filter(match);
  return {
    rc: user.rc,
    send: (event, data) => user.send(event, data),
    all,
    waitFor: (type, match, what) => user.rc.until(() => all(type, match)[0], what),
  };
}
