// The single way a filter is rejected: an EmulatorError (400, EMU_ERR_INVALID_FILTER) naming the position.
import type { EmulatorError } from '../errors';
import { invalidFilter } from '../errors';

/**
 * Positions are 0-based character offsets into the filter text, as in Microsoft.OData's parser
 * messages, so a caller can compare our errors with the service's.
 */
export function filterError(message: string, pos?: number): EmulatorError {
  return invalidFilter(pos === undefined ? `${message}.` : `${message} at position ${pos}.`);
}
