// One wording for a value that fails a schema, wherever it was sent (user event, HTTP body, queue
// message): the first issue, with the path to it.
import type { z } from 'zod';

export function describeSchemaError(error: z.ZodError, fallback = 'invalid value'): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? fallback}`;
}
