// HistoryStore on Azure Table Storage: one partition per room, appends pipelined per room (see
// HistoryWriter), reads as RowKey range queries over the zero-padded `m-<seq>` rows. The newest
// seq is found from the `counter` hint, which trails it by less than HINT_EVERY.
import { encodeBody } from '../../chat/history/body';
import { historyPage, pageLimit, sinceSeq } from '../../chat/history/paging';
import type { AppendResult, HistoryPage, HistoryStore, NewMessage } from '../../chat/history/types';
import type { LazyTable } from '../storage/clients';
import { HistoryWriter } from './history-writer';
import { newestFrom, readHint, readMessages } from './table-reads';

export class TableHistoryStore implements HistoryStore {
  private readonly writer: HistoryWriter;

  /** `table`: `createStorageClients(connection).table(name)`; the table is created on first use. */
  constructor(private readonly table: LazyTable) {
    this.writer = new HistoryWriter(table);
  }

  async append(message: NewMessage): Promise<AppendResult> {
    return this.writer.append({ message, body: encodeBody(message.body) });
  }

  async since(room: string, since: number, limit: number): Promise<HistoryPage> {
    const after = sinceSeq(since);
    const upTo = after + pageLimit(limit);
    const [hint, messages] = await Promise.all([
      readHint(this.table, room),
      readMessages(this.table, room, after, upTo),
    ]);
    const last = messages.at(-1)?.seq;
    // Seqs have no gaps: a page that stops short of upTo ends at the newest message. Otherwise
    // the newest is past the page or the hint, a few keys at most.
    const newest =
      last !== undefined && last < upTo
        ? Math.max(hint, last)
        : await newestFrom(this.table, room, Math.max(hint, last ?? 0));
    return historyPage(messages, after, newest);
  }

  async latest(room: string, limit: number): Promise<HistoryPage> {
    const count = pageLimit(limit);
    const hint = await readHint(this.table, room);
    // Everything from `count` before the hint to the end: the last page and what follows the hint.
    const tail = await readMessages(this.table, room, Math.max(0, hint - count));
    const newest = Math.max(hint, tail.at(-1)?.seq ?? 0);
    const after = Math.max(0, newest - count);
    return historyPage(
      tail.filter((m) => m.seq > after),
      after,
      newest,
    );
  }
}
