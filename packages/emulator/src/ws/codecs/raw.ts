// Raw clients (no subprotocol, or one the service does not speak): a frame is its data, text or
// binary, and data reaches them alone; there are no control frames.
import type { SubprotocolCodec } from './codec';

export const rawCodec: SubprotocolCodec = {
  kind: 'raw',
  reliable: false,
  parse: (data, isBinary) => ({
    ok: true,
    op: { type: 'raw', data: { dataType: isBinary ? 'binary' : 'text', bytes: data } },
  }),
  encodeData: (msg) => msg.data.bytes,
  dataIsBinary: (msg) => msg.rawIsBinary,
  encodeControl: () => undefined,
  controlIsBinary: false,
};
