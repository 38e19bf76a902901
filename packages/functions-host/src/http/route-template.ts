// ASP.NET-style route templates as Functions uses them: literal segments (case-insensitive),
// `{name}`, optional `{name?}`, defaults `{name=value}`, constraints `{id:int}`, `{n:range(1,9)}`,
// and a trailing catch-all `{*rest}`.

export interface RouteMatch {
  params: Record<string, string>;
}

export interface CompiledRoute {
  template: string;
  /** More literal segments sort first, as ASP.NET's route precedence does. */
  precedence: number[];
  match(segments: string[]): RouteMatch | undefined;
}

type Constraint = (value: string) => boolean;

const CONSTRAINTS: Record<string, (...args: string[]) => Constraint> = {
  int: () => (v) => /^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2 ** 31,
  long: () => (v) => /^-?\d+$/.test(v),
  bool: () => (v) => /^(true|false)$/i.test(v),
  guid: () => (v) =>
    /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v),
  alpha: () => (v) => /^[a-z]+$/i.test(v),
  decimal: () => isNumber,
  double: () => isNumber,
  float: () => isNumber,
  datetime: () => (v) => !Number.isNaN(Date.parse(v)),
  minlength:
    (n = '0') =>
    (v) =>
      v.length >= Number(n),
  maxlength:
    (n = '0') =>
    (v) =>
      v.length <= Number(n),
  length:
    (a = '0', b) =>
    (v) =>
      b === undefined ? v.length === Number(a) : v.length >= Number(a) && v.length <= Number(b),
  min:
    (n = '0') =>
    (v) =>
      isNumber(v) && Number(v) >= Number(n),
  max:
    (n = '0') =>
    (v) =>
      isNumber(v) && Number(v) <= Number(n),
  range:
    (a = '0', b = '0') =>
    (v) =>
      isNumber(v) && Number(v) >= Number(a) && Number(v) <= Number(b),
  regex: (...parts) => {
    const re = new RegExp(parts.join(','), 'i');
    return (v) => re.test(v);
  },
};

function isNumber(v: string): boolean {
  return v.trim() !== '' && Number.isFinite(Number(v));
}

interface Segment {
  literal?: string;
  name?: string;
  optional?: boolean;
  catchAll?: boolean;
  defaultValue?: string;
  constraints: Constraint[];
}

export function compileRoute(template: string): CompiledRoute {
  const parts = template.split('/').filter((p) => p !== '');
  const segments = parts.map((part, i) => parseSegment(part, i === parts.length - 1, template));
  return {
    template,
    precedence: segments.map((s) =>
      s.literal !== undefined ? 0 : s.catchAll ? 3 : s.constraints.length ? 1 : 2,
    ),
    match(pathSegments) {
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i] as Segment;
        if (seg.catchAll) {
          const rest = pathSegments.slice(i).join('/');
          if (rest) params[seg.name as string] = rest;
          return { params };
        }
        const value = pathSegments[i];
        if (value === undefined) {
          if (seg.optional || seg.defaultValue !== undefined) {
            if (seg.defaultValue !== undefined) params[seg.name as string] = seg.defaultValue;
            continue;
          }
          return undefined;
        }
        if (seg.literal !== undefined) {
          if (seg.literal.toLowerCase() !== value.toLowerCase()) return undefined;
          continue;
        }
        if (!seg.constraints.every((c) => c(value))) return undefined;
        params[seg.name as string] = value;
      }
      return pathSegments.length <= segments.length ? { params } : undefined;
    },
  };
}

function parseSegment(part: string, last: boolean, template: string): Segment {
  const m = /^\{(\*{1,2})?([^:?=}]+)((?::[^:?=}]+(?:\([^)]*\))?)*)(\?)?(?:=([^}]*))?\}$/.exec(part);
  if (!m) {
    if (part.includes('{') || part.includes('}')) {
      throw new Error(`Route template '${template}': segment '${part}' is not supported.`);
    }
    return { literal: decodeURIComponent(part), constraints: [] };
  }
  const [, star, name = '', constraintText = '', optional, defaultValue] = m;
  if (star && !last)
    throw new Error(`Route template '${template}': a catch-all must be the last segment.`);
  const constraints = [...constraintText.matchAll(/:([a-z]+)(?:\(([^)]*)\))?/gi)].map(
    ([, cname = '', args]) => {
      const make = CONSTRAINTS[cname.toLowerCase()];
      if (!make) throw new Error(`Route template '${template}': unknown constraint '${cname}'.`);
      return make(...(args === undefined ? [] : args.split(',')));
    },
  );
  return {
    name,
    optional: Boolean(optional),
    catchAll: Boolean(star),
    ...(defaultValue === undefined ? {} : { defaultValue }),
    constraints,
  };
}

/** Lower precedence vectors first: literal before constrained before plain before catch-all. */
export function comparePrecedence(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < n; i++) {
    const d = (a.precedence[i] ?? -1) - (b.precedence[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
