// Turns a REST send's body and headers into the message every recipient gets: Content-Type picks
// the data type, `X-WebPubSub-Metadata-*` headers become metadata.
import type { Metadata } from '@wps-local/wire';
import { CONTENT_TYPES, METADATA_HEADER_PREFIX, METADATA_LIMITS } from '@wps-local/wire';

import { badRequest, unsupportedMediaType } from '../errors';
import { mediaType } from '../upstream/responses';
import type { OutboundData } from '../ws/outbound';
import type { RestContext } from './rest-context';

export async function readMessage(c: RestContext): Promise<OutboundData> {
  const type = mediaType(c.req.headers['content-type']);
  let dataType: OutboundData['dataType'];
  if (type === CONTENT_TYPES.text) dataType = 'text';
  else if (type === CONTENT_TYPES.json) dataType = 'json';
  else if (type === CONTENT_TYPES.binary) dataType = 'binary';
  else throw unsupportedMediaType(type ?? '(none)');
  const metadata = readMetadataHeaders(c);
  const bytes = await c.body();
  if (dataType === 'json') {
    try {
      JSON.parse(bytes.toString('utf8'));
    } catch {
      throw badRequest('The body is not valid JSON (Content-Type is application/json).', 'body');
    }
  }
  return { dataType, bytes, ...(metadata ? { metadata } : {}) };
}

function readMetadataHeaders(c: RestContext): Metadata | undefined {
  let metadata: Metadata | undefined;
  let size = 0;
  const raw = c.req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!name.startsWith(METADATA_HEADER_PREFIX)) continue;
    const key = name.slice(METADATA_HEADER_PREFIX.length);
    const value = raw[i + 1]!;
    if (key.length === 0 || key.length > METADATA_LIMITS.keyLength)
      throw badRequest(
        `Metadata key '${key}' must have 1 to ${METADATA_LIMITS.keyLength} characters.`,
      );
    if (value.length > METADATA_LIMITS.valueLength) {
      throw badRequest(
        `Metadata '${key}' is longer than ${METADATA_LIMITS.valueLength} characters.`,
      );
    }
    size += key.length + value.length;
    (metadata ??= {})[key] = value;
  }
  if (size > METADATA_LIMITS.totalBytes) throw badRequest('Metadata is larger than 8 KiB.');
  return metadata;
}
