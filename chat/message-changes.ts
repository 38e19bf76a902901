// Edits, deletes and reactions: each is stored as an entry of its conversation (the store applies
// the rules of chat/history/changes.ts in the same write), acknowledged with its seq, and delivered
// live like a message: to the room, or to both members of a DM.
import type { DeleteEnvelope, EditEnvelope, ReactEnvelope } from '../chat-contract/envelopes';
import type { AckReply } from '../chat-contract/payloads';
import type { Access, Caller } from './access';
import type { Conversation } from './conversations';
import { refOf } from './conversations';
import type { Outcome } from './effects';
import { noEffects } from './effects';
import { chatError } from './errors';
import type { ChangeAction, HistoryStore } from './history/types';
import { eventMessageId } from './message-ids';
import { messageBody } from './payloads';
import { roomGroup, userGroup } from './rooms';
import { changePayload } from './views';

export class MessageChanges {
  constructor(
    private readonly access: Access,
    private readonly history: HistoryStore,
    private readonly now: () => Date,
  ) {}

  edit(caller: Caller, e: EditEnvelope): Promise<Outcome<AckReply>> {
    return this.#change(caller, e, { kind: 'edit', body: messageBody(e) });
  }

  delete(caller: Caller, e: DeleteEnvelope): Promise<Outcome<AckReply>> {
    return this.#change(caller, e, { kind: 'delete' });
  }

  react(caller: Caller, e: ReactEnvelope): Promise<Outcome<AckReply>> {
    return this.#change(caller, e, { kind: 'reaction', reaction: e.reaction, on: e.on });
  }

  async #change(
    caller: Caller,
    e: EditEnvelope | DeleteEnvelope | ReactEnvelope,
    action: ChangeAction,
  ): Promise<Outcome<AckReply>> {
    this.access.admit(caller);
    const c = await this.access.open(caller, e);
    const id = e.id ?? eventMessageId(caller.connectionId, caller.eventId);
    const result = await this.history.change({
      id,
      room: c.key,
      target: e.target,
      from: { userId: caller.userId, name: caller.name },
      ts: this.now().toISOString(),
      admin: caller.admin,
      ...action,
    });
    const ack = { type: 'ack' as const, id, ...refOf(c) };
    const effects = noEffects();
    if (result.kind === 'refused') throw chatError(result.code, result.reason);
    if (result.kind === 'unchanged') {
      const { version, seq } = result.message;
      return { reply: { ...ack, seq: version ?? seq, duplicate: true }, effects };
    }
    const { entry, duplicate } = result;
    if (!duplicate && 'kind' in entry) {
      const payload = changePayload(c, entry);
      for (const to of audience(c)) effects.deliveries.push({ to, payload });
    }
    return { reply: { ...ack, seq: entry.seq, duplicate }, effects };
  }
}

/** Who sees a conversation's changes live: the room, or every connection of both DM members. */
function audience(c: Conversation): { group: string }[] {
  if (c.kind === 'room') return [{ group: roomGroup(c.room) }];
  const users = c.self === c.other ? [c.self] : [c.self, c.other];
  return users.map((u) => ({ group: userGroup(u) }));
}
