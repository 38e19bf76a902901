// Server process, the round-trip floor: a raw `ws` echo server.
import { serveWsFloor } from '../lib/ws-floor-server';

serveWsFloor((ws) => {
  ws.on('message', (data: Buffer, isBinary: boolean) => ws.send(data, { binary: isBinary }));
});
