// The library's own cost per invocation, measured in a fresh child with no sockets (see
// servers/library-server): the ceiling for any host running the @azure/functions library on one
// core, reported next to the host scenarios so a target out of its reach is visible as such.
import type { BenchContext } from './context';
import { BENCH_APP } from './host-child';
import type { Row } from './rows';
import { row } from './rows';

export interface LibraryMeasure {
  app: string;
  functionName: string;
  kind: 'http' | 'webpubsub';
  /** Body / message bytes. */
  size: number;
  warmMs: number;
  measureMs: number;
}

export interface LibraryResult {
  invocations: number;
  cpuUsPerInvocation: number;
  wallUsPerInvocation: number;
}

export async function libraryCost(
  ctx: BenchContext,
  kind: LibraryMeasure['kind'],
  size: number,
): Promise<LibraryResult> {
  const child = await ctx.start('servers', 'library-server');
  try {
    const m: LibraryMeasure = {
      app: BENCH_APP,
      functionName: kind === 'http' ? 'httpEcho' : 'echo',
      kind,
      size,
      warmMs: 1000,
      measureMs: 2000,
    };
    return await child.call<LibraryResult>('measure', m, 30_000);
  } finally {
    await ctx.stop(child);
  }
}

/** Invocations/s one core could run if the host did nothing but call the library. */
export const ceilingPerSec = (r: LibraryResult): number => 1e6 / r.cpuUsPerInvocation;

/**
 * Two report rows: the library's CPU per invocation, and the rate one core could reach doing
 * nothing else, next to the floor's rate (its ratio is the best this scenario could score).
 */
export function libraryRows(scenario: string, lib: LibraryResult, floorPerSec: number): Row[] {
  return [
    row(scenario, 'library alone CPU/inv', 'µs', lib.cpuUsPerInvocation, undefined),
    row(scenario, 'library ceiling (1 core)', '/s', ceilingPerSec(lib), floorPerSec),
  ];
}

export const LIBRARY_NOTE =
  "library rows: the @azure/functions library's own getArguments → handler → getResponse for this function, in a fresh process with no sockets (the real Node worker runs the same code); its ceiling ÷ floor is the best ratio any host running the library could reach on one core.";
