// Hub settings, in the same shape as the Web PubSub hub resource in Bicep
// (`hubs.<name>.eventHandlers[]` with urlTemplate, userEventPattern, systemEvents,
// groupPresenceEvents), validated once.
import { GROUP_PRESENCE_EVENTS, SYSTEM_EVENTS } from '@wps-local/wire';
import { z } from 'zod';

import { compilePattern } from './state/wildcard';

/** As `Microsoft.SignalRService/webPubSub/hubs` eventHandlers[].groupPresenceEvents (preview API, e.g. 2025-12-01-preview). */
const groupPresenceEventsSchema = z
  .object({
    eventNames: z.array(z.enum(GROUP_PRESENCE_EVENTS)).optional(),
    groupFilters: z
      .array(
        z.string().superRefine((pattern, ctx) => {
          const compiled = compilePattern(pattern);
          if ('error' in compiled) ctx.addIssue({ code: 'custom', message: compiled.error });
        }),
      )
      .optional(),
  })
  .strict();

const eventHandlerSchema = z
  .object({
    urlTemplate: z
      .string()
      .refine(
        isHttpUrlTemplate,
        'must be an absolute http(s) URL; {hub} and {event} may appear in its path or query',
      ),
    userEventPattern: z.string().optional(),
    systemEvents: z.array(z.enum(SYSTEM_EVENTS)).optional(),
    groupPresenceEvents: groupPresenceEventsSchema.optional(),
    auth: z
      .object({ type: z.literal('None') })
      .optional()
      .describe('Only "None": the emulator has no managed identity to call handlers with.'),
  })
  .strict();

const hubSchema = z
  .object({
    eventHandlers: z.array(eventHandlerSchema).optional(),
    anonymousConnectPolicy: z.enum(['allow', 'deny']).optional(),
    webSocketKeepAliveIntervalInSeconds: z.number().int().min(1).max(120).optional(),
  })
  .strict();

export const emulatorConfigSchema = z
  .object({
    hubs: z.record(z.string(), hubSchema).default({}),
  })
  .strict();

export type EventHandlerSettings = z.infer<typeof eventHandlerSchema>;
export type HubSettings = z.infer<typeof hubSchema>;
export type EmulatorConfig = z.infer<typeof emulatorConfigSchema>;

/** Parses a config file's JSON; throws an Error listing every problem with its path. */
export function parseEmulatorConfig(json: unknown): EmulatorConfig {
  const result = emulatorConfigSchema.safeParse(json);
  if (result.success) return result.data;
  throw new Error(`Invalid emulator config:\n${problems(result.error)}`);
}

/** Parses one hub's settings; throws an Error listing every problem with its path. */
export function parseHubSettings(json: unknown): HubSettings {
  const result = hubSchema.safeParse(json);
  if (result.success) return result.data;
  throw new Error(`Invalid hub settings:\n${problems(result.error)}`);
}

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}

function isHttpUrlTemplate(template: string): boolean {
  const authority = template.split('://')[1]?.split(/[/?#]/)[0] ?? '';
  if (authority.includes('{')) return false;
  try {
    const url = new URL(template.replace(/\{(hub|event)\}/gi, 'x'));
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
