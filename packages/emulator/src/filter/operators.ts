// Logical, comparison and `in` operators: type rules applied once, allocation-free closures.
import type { CompareOp } from './ast';
import { filterError } from './fail';
import type { Compiled, Getter, Scalar } from './types';
import { boolValue, NEVER } from './types';

/** A compiled sub-expression with where it starts, for positioned errors. */
export interface Operand {
  readonly value: Compiled;
  readonly pos: number;
}

type Ordering = Exclude<CompareOp, 'eq' | 'ne'>;

function requireBool(operand: Operand, operator: string): Getter<boolean> {
  if (operand.value.type === 'bool') return operand.value.get;
  throw filterError(`'${operator}' needs bool operands, got ${operand.value.type}`, operand.pos);
}

function requireScalar(operand: Operand, message: string): Getter<Scalar> {
  if (operand.value.type === 'collection') throw filterError(message, operand.pos);
  return operand.value.get;
}

export function compileNot(operand: Operand): Compiled {
  if (operand.value.type !== 'bool') {
    // `not` binds tighter than comparisons (service docs), hence the hint.
    throw filterError(
      `'not' needs a bool operand, got ${operand.value.type} (to negate a comparison write not (...))`,
      operand.pos,
    );
  }
  const get = operand.value.get;
  return boolValue((t) => !get(t));
}

export function compileLogical(op: 'and' | 'or', operands: readonly Operand[]): Compiled {
  const parts = operands.map((operand) => requireBool(operand, op));
  if (parts.length === 2) {
    const [a, b] = parts as [Getter<boolean>, Getter<boolean>];
    return boolValue(op === 'and' ? (t) => a(t) && b(t) : (t) => a(t) || b(t));
  }
  // A flat loop for longer chains: no recursion and no per-call allocation.
  const n = parts.length;
  const stopOn = op === 'or';
  return boolValue((t) => {
    for (let i = 0; i < n; i++) if (parts[i]!(t) === stopOn) return stopOn;
    return !stopOn;
  });
}

export function compileCompare(
  op: CompareOp,
  left: Operand,
  right: Operand,
  pos: number,
): Compiled {
  const message = `'${op}' cannot compare a collection (use 'in' or length())`;
  const x = requireScalar(left, message);
  const y = requireScalar(right, message);
  if (op === 'eq' || op === 'ne') return equality(op === 'ne', x, y, left.value, right.value);
  return ordering(op, left.value, right.value, pos);
}

/**
 * Equality is by type and value, like the service's `Equals` on boxed values: `userId eq null`
 * is true for a connection without a user, and values of different types (`userId eq 1`) are
 * accepted but never equal. A literal side is specialised so the closure reads one field.
 */
function equality(negate: boolean, x: Getter<Scalar>, y: Getter<Scalar>, a: Compiled, b: Compiled) {
  if (b.constant !== undefined || a.constant !== undefined) {
    const v = b.constant !== undefined ? b.constant : a.constant;
    const get = b.constant !== undefined ? x : y;
    return boolValue(negate ? (t) => get(t) !== v : (t) => get(t) === v);
  }
  return boolValue(negate ? (t) => x(t) !== y(t) : (t) => x(t) === y(t));
}

/**
 * Two ints or two strings (strings ordinally, by UTF-16 code unit); a null operand, literal or
 * at run time, gives false, as in the service. Any other pairing is a compile-time error.
 */
function ordering(op: Ordering, a: Compiled, b: Compiled, pos: number): Compiled {
  if (a.type === 'null' || b.type === 'null') return boolValue(NEVER);
  if (a.type === 'int' && b.type === 'int') return boolValue(ordered(op, a.get, b.get));
  if (a.type === 'string' && b.type === 'string') return boolValue(ordered(op, a.get, b.get));
  throw filterError(`'${op}' compares two ints or two strings, not ${a.type} and ${b.type}`, pos);
}

function ordered<T extends number | string>(
  op: Ordering,
  a: Getter<T | null>,
  b: Getter<T | null>,
): Getter<boolean> {
  switch (op) {
    case 'gt':
      return (t) => {
        const x = a(t);
        const y = b(t);
        return x !== null && y !== null && x > y;
      };
    case 'ge':
      return (t) => {
        const x = a(t);
        const y = b(t);
        return x !== null && y !== null && x >= y;
      };
    case 'lt':
      return (t) => {
        const x = a(t);
        const y = b(t);
        return x !== null && y !== null && x < y;
      };
    case 'le':
      return (t) => {
        const x = a(t);
        const y = b(t);
        return x !== null && y !== null && x <= y;
      };
  }
}

/**
 * `v in groups` (or `v in (groups)`) tests membership; `v in (a, b, ...)` tests equality with any
 * item, with the same rules as `eq`. Literal items go into a Set built once.
 */
export function compileIn(
  left: Operand,
  items: readonly Operand[],
  parenthesized: boolean,
): Compiled {
  const value = requireScalar(
    left,
    "the left side of 'in' must be a single value, not a collection",
  );
  const first = items[0]!;
  if (items.length === 1 && first.value.type === 'collection') {
    const groups = first.value.get;
    // Group names are strings: a null, int or bool is never a member.
    if (left.value.type !== 'string') return boolValue(NEVER);
    const name = left.value.get;
    return boolValue((t) => {
      const v = name(t);
      return v !== null && groups(t).has(v);
    });
  }
  if (!parenthesized) {
    throw filterError(
      `the right side of 'in' must be a collection (groups) or a parenthesized list, got ${first.value.type}`,
      first.pos,
    );
  }
  const constants = new Set<Scalar>();
  const getters: Getter<Scalar>[] = [];
  for (const item of items) {
    const get = requireScalar(item, "a list after 'in' cannot contain a collection");
    if (item.value.constant !== undefined) constants.add(item.value.constant);
    else getters.push(get);
  }
  if (getters.length === 0) return boolValue((t) => constants.has(value(t)));
  const n = getters.length;
  return boolValue((t) => {
    const v = value(t);
    if (constants.has(v)) return true;
    for (let i = 0; i < n; i++) if (getters[i]!(t) === v) return true;
    return false;
  });
}
