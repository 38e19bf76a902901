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
  /** The library as installed, or rewritten to native async (see native-async.ts). */
  build: LibraryBuild;
}

export type LibraryBuild = 'installed' | 'native-async';

export interface LibraryResult {
  invocations: number;
  cpuUsPerInvocation: number;
  wallUsPerInvocation: number;
  /** One invocation's response to the host, as JSON. */
  response: string;
}

export async function libraryCost(
  ctx: BenchContext,
  kind: LibraryMeasure['kind'],
  size: number,
  build: LibraryBuild = 'installed',
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
      build,
    };
    return await child.call<LibraryResult>('measure', m, 30_000);
  } finally {
    await ctx.stop(child);
  }
}

/** Invocations/s one core could run if the host did nothing but call the library. */
export const ceilingPerSec = (r: LibraryResult): number => 1e6 / r.cpuUsPerInvocation;

/** The library as installed and its native-async what-if, measured one after the other. */
export async function libraryBuilds(
  ctx: BenchContext,
  kind: LibraryMeasure['kind'],
  size: number,
): Promise<{ installed: LibraryResult; nativeAsync: LibraryResult }> {
  const installed = await libraryCost(ctx, kind, size);
  const nativeAsync = await libraryCost(ctx, kind, size, 'native-async');
  if (nativeAsync.response !== installed.response) {
    throw new Error(
      `the native-async library answered differently: ${nativeAsync.response} vs ${installed.response}`,
    );
  }
  return { installed, nativeAsync };
}

/**
 * Report rows: the library's CPU per invocation and the rate one core could reach doing nothing
 * else, next to the floor's rate (its ratio is the best this scenario could score); then the same
 * library compiled to native async (what-if), next to the installed one.
 */
export function libraryRows(
  scenario: string,
  lib: { installed: LibraryResult; nativeAsync: LibraryResult },
  floorPerSec: number,
): Row[] {
  const { installed, nativeAsync } = lib;
  return [
    row(scenario, 'library alone CPU/inv', 'µs', installed.cpuUsPerInvocation, undefined),
    row(scenario, 'library ceiling (1 core)', '/s', ceilingPerSec(installed), floorPerSec),
    row(
      scenario,
      'library native async CPU/inv (what-if)',
      'µs',
      nativeAsync.cpuUsPerInvocation,
      installed.cpuUsPerInvocation,
    ),
  ];
}

export const LIBRARY_NOTE =
  "library rows: the @azure/functions library's own getArguments → handler → getResponse for this function, in a fresh process with no sockets (the real Node worker runs the same code); its ceiling ÷ floor is the best ratio any host running the library could reach on one core. The what-if row runs the same library with its ES2015 `__awaiter` generators turned into native async functions (same responses, checked), next to the installed build: on Node 20 the generator form keeps each invocation's objects alive through young-generation GCs.";
