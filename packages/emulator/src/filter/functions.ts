// The built-in functions: argument counts and types checked at compile time, closures to evaluate.
import type { EmulatorError } from '../errors';
import type { Node } from './ast';
import { filterError } from './fail';
import type { Compiled, Getter, ValueType } from './types';
import { boolValue, intValue, stringValue } from './types';

/** A call's compiled arguments, with the checks that turn a wrong type into a positioned error. */
class Args {
  constructor(
    private readonly name: string,
    private readonly compiled: readonly Compiled[],
    private readonly nodes: readonly Node[],
  ) {}

  at(i: number): Compiled {
    return this.compiled[i]!;
  }

  has(i: number): boolean {
    return i < this.compiled.length;
  }

  /** A string argument; the `null` literal is accepted (string functions define null inputs). */
  string(i: number): Getter<string | null> {
    const arg = this.at(i);
    if (arg.type === 'string' || arg.type === 'null') return arg.get;
    throw this.wrongType(i, 'string', arg.type);
  }

  int(i: number): Getter<number | null> {
    const arg = this.at(i);
    if (arg.type === 'int') return arg.get;
    throw this.wrongType(i, 'int', arg.type);
  }

  wrongType(i: number, expected: string, actual: ValueType): EmulatorError {
    return filterError(
      `argument ${i + 1} of ${this.name}() must be ${expected}, got ${actual}`,
      this.nodes[i]!.pos,
    );
  }
}

interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  readonly build: (args: Args) => Compiled;
}

/** String to string; a null input gives null, as in the service. */
function mapString(fn: (s: string) => string): FunctionSpec {
  return {
    min: 1,
    max: 1,
    build: (args) => {
      const s = args.string(0);
      return stringValue((t) => {
        const v = s(t);
        return v === null ? null : fn(v);
      });
    },
  };
}

/** Two strings to a boolean; a null on either side gives false (service semantics). */
function testStrings(fn: (a: string, b: string) => boolean): FunctionSpec {
  return {
    min: 2,
    max: 2,
    build: (args) => {
      const a = args.string(0);
      const b = args.string(1);
      return boolValue((t) => {
        const x = a(t);
        if (x === null) return false;
        const y = b(t);
        return y !== null && fn(x, y);
      });
    },
  };
}

/**
 * Like the service: an out-of-range start or length gives null rather than clamping (so
 * `substring(userId, 1) eq 'b'` is false for an empty userId), and a null argument gives null.
 */
function buildSubstring(args: Args): Compiled {
  const s = args.string(0);
  const start = args.int(1);
  const length = args.has(2) ? args.int(2) : null;
  return stringValue((t) => {
    const v = s(t);
    const from = start(t);
    if (v === null || from === null || from < 0 || from > v.length) return null;
    if (length === null) return v.slice(from);
    const n = length(t);
    if (n === null || n < 0 || n > v.length - from) return null;
    return v.slice(from, from + n);
  });
}

function buildLength(args: Args): Compiled {
  const arg = args.at(0);
  switch (arg.type) {
    case 'collection': {
      const get = arg.get;
      return intValue((t) => get(t).size);
    }
    case 'string': {
      const get = arg.get;
      return intValue((t) => {
        const v = get(t);
        return v === null ? null : v.length;
      });
    }
    case 'null':
      return intValue(() => null);
    default:
      throw args.wrongType(0, 'a string or a collection', arg.type);
  }
}

// Lower-case names only, as the service matches them exactly. String operations are ordinal
// (case-sensitive, UTF-16 code units), like the service's .NET string methods.
const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['tolower', mapString((s) => s.toLowerCase())],
  ['toupper', mapString((s) => s.toUpperCase())],
  ['trim', mapString((s) => s.trim())],
  ['contains', testStrings((a, b) => a.includes(b))],
  ['startswith', testStrings((a, b) => a.startsWith(b))],
  ['endswith', testStrings((a, b) => a.endsWith(b))],
  ['substring', { min: 2, max: 3, build: buildSubstring }],
  ['length', { min: 1, max: 1, build: buildLength }],
  [
    'indexof',
    {
      min: 2,
      max: 2,
      build: (args) => {
        const a = args.string(0);
        const b = args.string(1);
        return intValue((t) => {
          const x = a(t);
          const y = b(t);
          return x === null || y === null ? -1 : x.indexOf(y);
        });
      },
    },
  ],
  [
    'concat',
    {
      min: 2,
      max: 2,
      build: (args) => {
        const a = args.string(0);
        const b = args.string(1);
        // A null side is dropped; both null gives null (service semantics).
        return stringValue((t) => {
          const x = a(t);
          const y = b(t);
          return x === null ? y : y === null ? x : x + y;
        });
      },
    },
  ],
]);

/** Checks the name and the argument count before compiling the arguments, for clearer errors. */
export function compileCall(
  call: Extract<Node, { kind: 'call' }>,
  compileArg: (node: Node) => Compiled,
): Compiled {
  const spec = FUNCTIONS.get(call.name);
  if (spec === undefined) {
    const lower = call.name.toLowerCase();
    const hint = FUNCTIONS.has(lower) ? ` (function names are lower-case: ${lower})` : '';
    throw filterError(`unknown function '${call.name}'${hint}`, call.pos);
  }
  const count = call.args.length;
  if (count < spec.min || count > spec.max) {
    const expected = spec.min === spec.max ? `${spec.min}` : `${spec.min} or ${spec.max}`;
    const noun = spec.max === 1 ? 'argument' : 'arguments';
    throw filterError(`${call.name}() takes ${expected} ${noun}, got ${count}`, call.pos);
  }
  return spec.build(new Args(call.name, call.args.map(compileArg), call.args));
}
