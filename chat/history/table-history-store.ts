// HistoryStore on Azure Table Storage: one partition per room, appends pipelined per room (see
// HistoryWriter), reads as RowKey range queries over the zero-padded `m-<seq>` rows.
import { odata } from '@azure/data-tables';

import type { LazyTable } from '../storage/clients';
import { encodeBody } from './body';
import { HistoryWriter } from './history-writer';
import { historyPage, pageLimit, sinceSeq } from './paging';
import { type MessageRow, messageRow, partitionOf, toStoredMessage } from './table-rows';
import type { AppendResult, HistoryPage, HistoryStore, NewMessage, StoredMessage } from './types';

export class TableHistoryStore implements HistoryStore {
  private readonly writer: HistoryWriter;

  /** `table`: `createStorageClients(settings).table(name)`; the table is created on first use. */
  constructor(private readonly table: LazyTable) {
    this.writer = new HistoryWriter(table);
  }

  async append(message: NewMessage): Promise<AppendResult> {
    return this.writer.append({ message, body: encodeBody(message.body) });
  }

  async since(room: string, since: number, limit: number): Promise<HistoryPage> {
    const after = sinceSeq(since);
    // Independent reads: a message read implies its counter update, so `historyPage` can
    // reconcile a counter read that raced ahead or behind.
    const [counter, messages] = await Promise.all([
      this.writer.readCounter(room),
      this.range(room, after, after + pageLimit(limit)),
    ]);
    return historyPage(messages, after, counter.seq);
  }

  async latest(room: string, limit: number): Promise<HistoryPage> {
    const { seq } = await this.writer.readCounter(room);
    const after = Math.max(0, seq - pageLimit(limit));
    return historyPage(await this.range(room, after, seq), after, seq);
  }

  /** Messages with after < seq <= upTo. */
  private async range(room: string, after: number, upTo: number): Promise<StoredMessage[]> {
    if (upTo <= after) return [];
    const client = await this.table.ready();
    const filter = odata`PartitionKey eq ${partitionOf(room)} and RowKey gt ${messageRow(after)} and RowKey le ${messageRow(upTo)}`;
    const messages: StoredMessage[] = [];
    // The range is bounded, so following continuation tokens reads at most upTo - after rows.
    for await (const row of client.listEntities<MessageRow>({ queryOptions: { filter } })) {
      messages.push(toStoredMessage(room, row));
    }
    return messages;
  }
}
