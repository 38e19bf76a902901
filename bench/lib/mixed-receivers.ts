// P10's receiving side: every client's frames sorted into streams — REST text sends (`"data":"…"`,
// big groups below USER_SEQ_BASE, user sends above) and the app's room messages (`"body":"…"`) —
// counted and timed when their send time falls in the measured window.
import type WebSocket from 'ws';

import { dataOffset, readSeq, readTs } from './payload';
import type { Summary } from './stats';
import { nowUs, Samples } from './stats';

export const USER_SEQ_BASE = 100_000_000;
export type StreamName = 'groups' | 'users' | 'upstream';

const BODY_KEY = Buffer.from('"body":"');
const ERROR_KEY = Buffer.from('"type":"error"');

interface Tally {
  deliveries: number;
  samples: Samples;
}

export interface StreamReceipt {
  deliveries: number;
  /** Send → receipt, µs. */
  latency: Summary;
}

export class MixedReceivers {
  fromUs = Number.POSITIVE_INFINITY;
  untilUs = Number.POSITIVE_INFINITY;
  /** Error replies to the app's events (e.g. RateLimited), any time. */
  errors = 0;
  firstError: string | undefined;
  private readonly tallies: Record<StreamName, Tally> = {
    groups: { deliveries: 0, samples: new Samples(1 << 21) },
    users: { deliveries: 0, samples: new Samples(1 << 16) },
    upstream: { deliveries: 0, samples: new Samples(1 << 16) },
  };

  constructor(sockets: readonly WebSocket[]) {
    const onMessage = (data: Buffer) => {
      let off = dataOffset(data);
      let stream: StreamName;
      if (off >= 0) stream = readSeq(data, off) >= USER_SEQ_BASE ? 'users' : 'groups';
      else {
        const at = data.indexOf(BODY_KEY);
        if (at < 0) {
          if (data.indexOf(ERROR_KEY) >= 0) {
            this.errors++;
            this.firstError ??= data.toString('utf8').slice(0, 200);
          }
          return;
        }
        off = at + BODY_KEY.length;
        stream = 'upstream';
      }
      const ts = readTs(data, off);
      if (ts < this.fromUs || ts >= this.untilUs) return;
      const t = this.tallies[stream];
      t.deliveries++;
      t.samples.push(nowUs() - ts);
    };
    for (const ws of sockets) ws.on('message', onMessage);
  }

  total(): number {
    return Object.values(this.tallies).reduce((a, t) => a + t.deliveries, 0);
  }

  receipt(stream: StreamName): StreamReceipt {
    const t = this.tallies[stream];
    return { deliveries: t.deliveries, latency: t.samples.summary() };
  }
}
