// Adds a message the way the extension's AddMessageAndCreateIfNotExistsAsync does: send, and on a
// missing queue create it and send again.
import type { QueueClient } from '@azure/storage-queue';

import { isNotFound } from './storage-errors';

export async function sendCreatingQueue(queue: QueueClient, messageText: string): Promise<void> {
  try {
    await queue.sendMessage(messageText);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await queue.createIfNotExists();
    await queue.sendMessage(messageText);
  }
}
