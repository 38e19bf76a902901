// In-memory ReadStateStore with the Table store's semantics, for unit tests of code that uses one.
import { settle } from '../settle';
import type { PositionRef, ReadPosition, ReadStateStore } from './types';

export class MemoryReadStateStore implements ReadStateStore {
  private readonly users = new Map<string, Map<string, ReadPosition>>();

  markRead(userId: string, conversation: PositionRef, key: string, seq: number): Promise<number> {
    return settle(() => {
      const position = this.position(userId, conversation, key);
      position.readSeq = Math.max(position.readSeq, seq);
      return position.readSeq;
    });
  }

  get(userId: string, key: string): Promise<number> {
    return settle(() => this.users.get(userId)?.get(key)?.readSeq ?? 0);
  }

  track(userId: string, conversation: PositionRef, key: string): Promise<void> {
    return settle(() => void (this.position(userId, conversation, key).left = false));
  }

  leave(userId: string, key: string): Promise<void> {
    return settle(() => {
      const position = this.users.get(userId)?.get(key);
      if (position) position.left = true;
    });
  }

  list(userId: string): Promise<ReadPosition[]> {
    return settle(() =>
      [...(this.users.get(userId)?.values() ?? [])].map((p) => structuredClone(p)),
    );
  }

  private position(userId: string, conversation: PositionRef, key: string): ReadPosition {
    let user = this.users.get(userId);
    if (!user) this.users.set(userId, (user = new Map<string, ReadPosition>()));
    let position = user.get(key);
    if (!position)
      user.set(
        key,
        (position = { conversation: { ...conversation }, key, readSeq: 0, left: false }),
      );
    return position;
  }
}
