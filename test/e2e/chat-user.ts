// A chat user for end-to-end tests, typed by the chat contract: it sends the contract's envelopes,
// and what it receives is parsed with the contract's payload schemas, so a reply that changes shape
// is a type error here and a failure at run time (never a cast).
import type { ClientEnvelope } from '../../chat-contract/envelopes';
import type { UserEventName } from '../../chat-contract/events';
import { asTypingFrame } from '../../chat-contract/guards';
import { TYPING_GROUP_PREFIX } from '../../chat-contract/limits';
import type { ServerPayload, ServerPayloadType } from '../../chat-contract/payloads';
import { serverPayloadSchema } from '../../chat-contract/payloads';
import type { TypingFrame } from '../../chat-contract/typing';
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
  /**
   * Sends the event with the SDK's `invokeEvent` and resolves with the reply (PROTOCOL.md §2),
   * which must be of type `expected` (an `error` reply, say): anything else rejects.
   */
  invoke<E extends UserEventName, T extends ServerPayloadType>(
    event: E,
    data: ClientEnvelope<E>,
    expected: T,
  ): Promise<PayloadOf<T>>;
  /** The typing frames received (through typing groups), with who sent them. */
  typing(): { group: string; userId: string; frame: TypingFrame }[];
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
  const typingMessage = (m: (typeof user.rc.messages)[number]) =>
    m.kind === 'groupData' && m.group.startsWith(TYPING_GROUP_PREFIX);
  // Every JSON object received must be one of the contract's payloads (typing groups aside).
  const payloads = () =>
    user.rc.messages
      .filter((m) => !typingMessage(m) && typeof m.data === 'object' && m.data !== null)
      .map((m) => serverPayloadSchema.parse(m.data));
  const all = <T extends ServerPayloadType>(
    type: T,
    match: (p: PayloadOf<T>) => boolean = () => true,
  ) => payloads().filter(ofType(type)).filter(match);
  return {
    rc: user.rc,
    send: (event, data) => user.send(event, data),
    async invoke(event, data, expected) {
      const result = await user.rc.client.invokeEvent(event, data, 'json');
      const reply = serverPayloadSchema.parse(result.data);
      if (ofType(expected)(reply)) return reply;
      throw new Error(`${event} answered ${JSON.stringify(reply)}, not ${expected}`);
    },
    typing: () =>
      user.rc.messages.flatMap((m) => {
        if (m.kind !== 'groupData') return [];
        const typing = asTypingFrame(m);
        return typing ? [{ group: m.group, ...typing }] : [];
      }),
    all,
    waitFor: (type, match, what) => user.rc.until(() => all(type, match)[0], what),
  };
}
