// No module imports itself back through any chain of relative imports, type-only imports
// included (eslint's import/no-cycle skips those): each package and each app folder is a DAG.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const TREES = [
  ...['wire', 'emulator', 'functions-host', 'stack', 'test-kit'].map((p) => `packages/${p}/src`),
  'functions',
  'bindings',
  'chat',
  'adapters',
  'chat-contract',
  'web/src',
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return file.endsWith('.ts') && !file.endsWith('.d.ts') ? [file] : [];
  });
}

/** Relative imports (`from './x'`, `import('./x')` excluded: they are deliberate late loads). */
function imports(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']*)'/g)].flatMap(([, spec]) => {
    const base = path.resolve(path.dirname(file), spec!);
    return [`${base}.ts`, path.join(base, 'index.ts')].filter((f) => known.has(f)).slice(0, 1);
  });
}

/** One cycle as the files in it, or undefined. */
function findCycle(graph: ReadonlyMap<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import cycles', () => {
  it('finds one in a graph that has one (the check can fail)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toBeUndefined();
  });

  it.each(TREES)('%s has none', (tree) => {
    const files = sources(path.join(ROOT, tree));
    const known = new Set(files);
    const graph = new Map(files.map((f) => [f, imports(f, known)]));
    const cycle = findCycle(graph)?.map((f) => path.relative(ROOT, f));
    expect(cycle).toBeUndefined();
  });
});
