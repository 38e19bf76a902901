// `ce-connectionState` in the extension's encoding (C.6): base64 of a JSON object whose values are
// base64 of each state's JSON. States are kept as raw JSON text, the way the extension keeps bytes.

/** State key → the state's JSON text. */
export type ConnectionStates = Map<string, string>;

/** Decodes the header; throws when it is not in the extension's encoding. */
export function decodeStates(header: string): ConnectionStates {
  const states: ConnectionStates = new Map();
  if (header === '') return states;
  const outer: unknown = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  if (outer === null || typeof outer !== 'object' || Array.isArray(outer)) {
    throw new Error('ce-connectionState is not a JSON object');
  }
  for (const [key, value] of Object.entries(outer)) {
    if (typeof value !== 'string') throw new Error(`state '${key}' is not base64 text`);
    states.set(key, Buffer.from(value, 'base64').toString('utf8'));
  }
  return states;
}

export function encodeStates(states: ConnectionStates): string {
  const outer = Object.create(null) as Record<string, string>;
  for (const [key, json] of states) outer[key] = Buffer.from(json, 'utf8').toString('base64');
  return Buffer.from(JSON.stringify(outer), 'utf8').toString('base64');
}

/** The states as the function sees them: each value parsed (a malformed one stays text). */
export function statesObject(states: ConnectionStates): Record<string, unknown> {
  // No prototype: a state named `__proto__` stays a state.
  const result = Object.create(null) as Record<string, unknown>;
  for (const [key, json] of states) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      value = json;
    }
    result[key] = value;
  }
  return result;
}

/**
 * The extension merges a response's `states` object into the incoming states (new keys win; an
 * empty or missing object keeps them). Undefined: no header to send.
 */
export function mergeStates(
  incoming: ConnectionStates,
  returned: unknown,
): ConnectionStates | undefined {
  const merged = new Map(incoming);
  if (returned !== null && typeof returned === 'object' && !Array.isArray(returned)) {
    for (const [key, value] of Object.entries(returned)) {
      merged.set(key, JSON.stringify(value) ?? 'null');
    }
  }
  return merged.size > 0 ? merged : undefined;
}
