// Shared shapes: what a filter is evaluated against, and the typed closures the compiler produces.

export interface FilterTarget {
  connectionId: string;
  /** null when the connection has no user. */
  userId: string | null;
  /** Groups the connection is in. */
  groups: ReadonlySet<string>;
  /** The WebSocket subprotocol; null for raw clients. */
  protocol: string | null;
}

export type FilterPredicate = (target: FilterTarget) => boolean;

export type Getter<T> = (target: FilterTarget) => T;

/** A literal value; `undefined` is never one, so it can mean "not a constant". */
export type Scalar = string | number | boolean | null;

/**
 * Static types. Strings and integers may still be null at run time (a missing userId, the
 * length of a null string); `null` is the type of the `null` literal only. Booleans never are:
 * every predicate with a null input answers false, so `and`/`or`/`not` need no third value.
 */
export type ValueType = 'bool' | 'int' | 'string' | 'null' | 'collection';

interface Typed<K extends ValueType, T> {
  readonly type: K;
  readonly get: Getter<T>;
  /** The value when the expression is a literal, so operators can specialise on it. */
  readonly constant?: Scalar;
}

export type Compiled =
  | Typed<'bool', boolean>
  | Typed<'int', number | null>
  | Typed<'string', string | null>
  | Typed<'null', null>
  | Typed<'collection', ReadonlySet<string>>;

export const boolValue = (get: Getter<boolean>, constant?: boolean): Compiled =>
  constant === undefined ? { type: 'bool', get } : { type: 'bool', get, constant };
export const intValue = (get: Getter<number | null>): Compiled => ({ type: 'int', get });
export const stringValue = (get: Getter<string | null>): Compiled => ({ type: 'string', get });

export const ALWAYS: Getter<boolean> = () => true;
export const NEVER: Getter<boolean> = () => false;
