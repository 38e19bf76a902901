// No secret leaves the inspector: tokens and keys in URLs are masked.
import { redact as redactHandlerUrl } from '../upstream/http-client';

/** Masks `code`/`sig`/`key` (function keys) and `access_token` query values. */
export function redactUrl(url: string): string {
  return redactHandlerUrl(url).replace(/([?&]access_token=)[^&]*/gi, '$1***');
}
