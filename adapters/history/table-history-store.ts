// HistoryStore on Azure Table Storage: one partition per conversation, appends and changes
// pipelined per conversation (see HistoryWriter), reads as RowKey range queries over the
// zero-padded `m-<seq>` rows. The newest
// seq is found from the `counter` hint, which trails it by less than HINT_EVERY.
import { encodeBody } from '../../chat/history/body';
import { beforeRange, historyPage, pageLimit, sinceSeq } from '../../chat/history/paging';
import type {
  AppendResult,
  ChangeResult,
  HistoryPage,
  HistoryStore,
  NewChange,
  NewMessage,
} from '../../chat/history/types';
import type { LazyTable } from '../storage/clients';
import { HistoryWriter } from './history-writer';
import { newestFrom, readEntries, readHint } from './table-reads';

export class TableHistoryStore implements HistoryStore {
  private readonly writer: HistoryWriter;

  /** `table`: `createStorageClients(connection).table(name)`; the table is created on first use. */
  constructor(private readonly table: LazyTable) {
    this.writer = new HistoryWriter(table);
  }

  async append(message: NewMessage): Promise<AppendResult> {
    return this.writer.append({ message, body: encodeBody(message.body) });
  }

  async change(change: NewChange): Promise<ChangeResult> {
    // Checked here so that a body too large fails the caller alone, not the batch.
    if (change.kind === 'edit') encodeBody(change.body);
    return this.writer.change(change);
  }

  async since(room: string, since: number, limit: number): Promise<HistoryPage> {
    const after = sinceSeq(since);
    const upTo = after + pageLimit(limit);
    const [hint, messages] = await Promise.all([
      readHint(this.table, room),
      readEntries(this.table, room, after, upTo),
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
    const tail = await readEntries(this.table, room, Math.max(0, hint - count));
    const newest = Math.max(hint, tail.at(-1)?.seq ?? 0);
    const after = Math.max(0, newest - count);
    return historyPage(
      tail.filter((m) => m.seq > after),
      after,
      newest,
    );
  }

  async before(room: string, before: number, limit: number): Promise<HistoryPage> {
    const { after, upTo } = beforeRange(before, limit);
    const [hint, entries] = await Promise.all([
      readHint(this.table, room),
      readEntries(this.table, room, after, upTo),
    ]);
    // The newest is at least the hint and what this page read; past that, a few keys at most.
    const newest = await newestFrom(this.table, room, Math.max(hint, entries.at(-1)?.seq ?? 0));
    return historyPage(entries, after, newest);
  }
}
