// What `/api/negotiate` and `/api/negotiate/guest` answer (PROTOCOL.md §1), and the error body every
// HTTP API answers with (§5).
import { z } from 'zod';

import { ERROR_CODES } from './errors';

export const negotiateResultSchema = z.strictObject({
  baseUrl: z.string(),
  /** The client access URL: what `getClientAccessUrl` returns. */
  url: z.string(),
  accessToken: z.string(),
  userId: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
});
export type NegotiateResult = z.infer<typeof negotiateResultSchema>;

export const httpErrorSchema = z.strictObject({
  error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() }),
});
