// Announcements from the server (PROTOCOL.md §2 `to: { all: true }`), into the model: stored with
// their own seq, so they come back from `announcements_joined` after a reload, live ones go through
// the conversation's sequence (a repeat shown once, a gap fetched), and the rooms list and the read
// position give their unread count. The Announcements view appears with the first one (admins, who
// may post there, always have it).
import type {
  AnnouncementsHistoryReply,
  AnnouncementsJoinedReply,
  DirectMessage,
  RoomsReply,
} from '../../chat-contract/payloads';
import { bodyText } from './body-text';
import type { ConversationHistory } from './conversation-history';
import type { ChatModel, Conversation, ShownMessage } from './model';
import { EVERYONE_KEY } from './model';
import type { Notify } from './toast';

export interface AnnouncementDeps {
  model: ChatModel;
  history: ConversationHistory;
  notify: Notify;
  countUnread(c: Conversation): void;
}

export class IncomingAnnouncements {
  constructor(private readonly d: AnnouncementDeps) {}

  joined(p: AnnouncementsJoinedReply): void {
    if (p.latestSeq === 0 && !this.d.model.everyone()) {
      // None yet: the first live one follows seq 0.
      this.d.history.start(EVERYONE_KEY, 0);
      return;
    }
    const c = this.d.model.ensureEveryone();
    this.d.model.changeState(c, (x) => (x.readSeq = Math.max(x.readSeq, p.readSeq)));
    this.d.history.page(c, p);
    this.d.countUnread(c);
  }

  page(p: AnnouncementsHistoryReply): void {
    const c = this.d.model.everyone();
    if (c) this.d.history.page(c, p);
  }

  /** A live announcement; one without a seq (an older server) is shown as it comes. */
  live(m: DirectMessage, legacy: (key: string, m: DirectMessage) => ShownMessage): void {
    const everyone = this.d.model.ensureEveryone();
    const before = everyone.messages.length;
    if (m.seq !== undefined) {
      const { id, seq, from, body, ts } = m;
      this.d.history.live(everyone, { id, seq, from, to: { all: true }, body, ts });
    } else this.d.model.append(everyone, [legacy(`${m.from.userId}/${m.id}`, m)]);
    const added = everyone.messages.slice(before).filter((x) => !x.mine);
    if (added.length && this.d.model.selected?.key !== everyone.key) {
      this.d.notify({
        level: 'info',
        title: `Announcement from ${m.from.name}`,
        body: bodyText(m.body),
        conversation: everyone.key,
      });
    }
  }

  /** The rooms list's count, until the messages are loaded (the join counts them then). */
  listed(all: RoomsReply['announcements']): void {
    if (!all || all.latestSeq === 0) return;
    const c = this.d.model.ensureEveryone();
    if (c.messages.length === 0) this.d.model.setUnread(c, all.unread);
  }
}
