// Message data carrying a sequence number and a send time (µs) at fixed offsets, readable without
// parsing from any frame that wraps it, be it raw bytes or a `"data":"…"` JSON envelope.

/** `<10-digit seq>|<16-digit µs>|` then padding. */
export const HEADER_BYTES = 28;
const SEQ_DIGITS = 10;
const TS_OFF = SEQ_DIGITS + 1;
const TS_DIGITS = 16;
const DATA_KEY = Buffer.from('"data":"');

export function makeData(seq: number, tsUs: number, size: number): string {
  const head = `${String(seq).padStart(SEQ_DIGITS, '0')}|${String(tsUs).padStart(TS_DIGITS, '0')}|`;
  return head + 'x'.repeat(Math.max(0, size - head.length));
}

/** Writes the header in place (reusable buffers of large bodies). */
export function writeHeader(buf: Buffer, off: number, seq: number, tsUs: number): void {
  writeDigits(buf, off, SEQ_DIGITS, seq);
  buf[off + SEQ_DIGITS] = 0x7c;
  writeDigits(buf, off + TS_OFF, TS_DIGITS, tsUs);
  buf[off + TS_OFF + TS_DIGITS] = 0x7c;
}

function writeDigits(buf: Buffer, off: number, width: number, value: number): void {
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    buf[off + i] = 0x30 + (v % 10);
    v = Math.floor(v / 10);
  }
}

/** Offset of the data inside a JSON envelope, or -1 for frames without data (acks, system). */
export function dataOffset(frame: Buffer): number {
  const i = frame.indexOf(DATA_KEY);
  return i < 0 ? -1 : i + DATA_KEY.length;
}

export function readSeq(buf: Buffer, off: number): number {
  return readDigits(buf, off, SEQ_DIGITS);
}

export function readTs(buf: Buffer, off: number): number {
  return readDigits(buf, off + TS_OFF, TS_DIGITS);
}

function readDigits(buf: Buffer, off: number, width: number): number {
  let v = 0;
  for (let i = off; i < off + width; i++) v = v * 10 + (buf[i]! - 0x30);
  return v;
}
