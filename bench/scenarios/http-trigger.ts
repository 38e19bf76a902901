// HTTP: requests/s through an anonymous HTTP function of the offline host (reads the POST body and
// echoes it) from undici in a client process, c=32 and c=1; floor: a bare node:http echo server.
import type { BenchContext } from '../lib/context';
import type { HttpMeasurement } from '../lib/floors';
import { httpFloor } from '../lib/floors';
import type { HostChild } from '../lib/host-child';
import { BENCH_APP, startHostChild } from '../lib/host-child';
import { runHttpJob } from '../lib/http-load';
import { LIBRARY_NOTE, libraryBuilds, libraryRows } from '../lib/library-ceiling';
import { foreignCpu, MachineCpu } from '../lib/machine-cpu';
import type { Row } from '../lib/rows';
import { cpuOf, loadFlags, row } from '../lib/rows';
import type { Scenario, ScenarioOutput } from '../lib/scenario';
import { HUB } from '../lib/tokens';

const SIZE = 100;
/** The bench app's Web PubSub functions need a connection to bind; no request ever uses it. */
const UNUSED_SERVICE =
  'Endpoint=http://127.0.0.1:9;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFG=;Version=1.0;';

async function measureHost(
  ctx: BenchContext,
  host: HostChild,
  concurrency: number,
): Promise<HttpMeasurement> {
  await host.child.cpuReset();
  const machine = new MachineCpu();
  const r = await runHttpJob(ctx, {
    origin: host.url,
    targets: [{ path: '/api/echo' }],
    // text/plain: the bench bodies are not JSON, and the host JSON-parses JSON bodies for
    // binding data (a parse error per request would be a bench artefact).
    contentType: 'text/plain',
    size: SIZE,
    concurrency,
    warm: { ms: 1000 },
    measure: { ms: 3000 },
    gapMs: 0,
    expectStatus: 200,
  });
  const busy = machine.read();
  const serverCpuPct = (await host.child.stats()).cpuPct;
  return { ...r, serverCpuPct, foreignCpuPct: foreignCpu(busy, serverCpuPct, r.clientCpuPct) };
}

function rowsFor(c: number, emu: HttpMeasurement, floor: HttpMeasurement): Row[] {
  const scenario = `HTTP echo c=${c}`;
  const flags = [...loadFlags(emu, floor), ...(emu.errors ? [`${emu.errors} errors`] : [])];
  const perReq = (m: HttpMeasurement) => ((m.serverCpuPct / 100) * 1e6) / Math.max(m.reqPerSec, 1);
  const rate = row(scenario, 'req/s', '/s', emu.reqPerSec, floor.reqPerSec);
  const p50 = row(scenario, 'p50', 'µs', emu.latency.p50, floor.latency.p50);
  const cpu = row(scenario, 'server CPU/req', 'µs', perReq(emu), perReq(floor));
  return c === 1
    ? [{ ...p50, flags, cpu: cpuOf(emu, floor) }, rate, cpu]
    : [
        { ...rate, check: { kind: 'ratio>=', value: 0.5 }, flags, cpu: cpuOf(emu, floor) },
        p50,
        row(scenario, 'p99', 'µs', emu.latency.p99, floor.latency.p99),
        cpu,
      ];
}

export const httpTrigger: Scenario = {
  id: 'HTTP',
  title: 'HTTP trigger through the offline host (anonymous echo function), undici c=32 / c=1',
  budgetMs: 90_000,
  async run(ctx): Promise<ScenarioOutput> {
    const floors = {
      c32: await httpFloor(ctx, { concurrency: 32, size: SIZE }),
      c1: await httpFloor(ctx, { concurrency: 1, size: SIZE }),
    };
    const host = await startHostChild(ctx, BENCH_APP, {
      WebPubSubConnectionString: UNUSED_SERVICE,
      WebPubSubHub: HUB,
    });
    try {
      const c32 = await measureHost(ctx, host, 32);
      const c1 = await measureHost(ctx, host, 1);
      await ctx.stop(host.child);
      const lib = await libraryBuilds(ctx, 'http', SIZE);
      return {
        rows: [
          ...rowsFor(32, c32, floors.c32),
          ...libraryRows('HTTP echo c=32', lib, floors.c32.reqPerSec),
          ...rowsFor(1, c1, floors.c1),
        ],
        raw: { emulator: { c32, c1 }, floors, library: lib },
        notes: [
          LIBRARY_NOTE,
          "Both servers read the 100 B body and answer it with content-type application/json; the host adds routing, the library's HttpRequest/HttpResponse (undici Request/Response, web streams) and the invocation pipeline. Host requests are text/plain (floor: application/json; it does not look).",
        ],
      };
    } finally {
      await ctx.stop(host.child);
    }
  },
};
