// The single way a filter is rejected: an EmulatorError (400, EMU_ERR_INVALID_FILTER) naming the
// position; syntax errors also carry where the offending token ends, which the service reports.
import { EmulatorError, invalidFilter } from '../errors';

/**
 * Positions are 0-based character offsets into the filter text, as in Microsoft.OData's parser
 * messages, so a caller can compare our errors with the service's.
 */
export function filterError(message: string, pos?: number): EmulatorError {
  return invalidFilter(pos === undefined ? `${message}.` : `${message} at position ${pos}.`);
}

/** A lexer or parser error: the filter is not well-formed. `end` is where the bad token ends. */
export class FilterSyntaxError extends EmulatorError {
  constructor(
    message: string,
    pos: number,
    readonly end: number,
  ) {
    super(
      'EMU_ERR_INVALID_FILTER',
      400,
      `Invalid filter: ${message} at position ${pos}.`,
      'filter',
      undefined,
      { validation: true },
    );
  }
}

export function filterSyntaxError(message: string, pos: number, end: number): FilterSyntaxError {
  return new FilterSyntaxError(message, pos, end);
}

/**
 * The service's wording for a filter that does not parse, as its SDK's live tests pin it:
 * `Invalid syntax for 'invalid filter': Syntax error at position 14 in 'invalid filter'.
 * (Parameter 'filter')` — the position is where the offending token ends — in its validation
 * problem body. The emulator's own explanation stays on the error (`details`), out of the body.
 */
export function serviceSyntaxError(text: string, err: FilterSyntaxError): EmulatorError {
  return new EmulatorError(
    'EMU_ERR_INVALID_FILTER',
    400,
    `Invalid syntax for '${text}': Syntax error at position ${err.end} in '${text}'. (Parameter 'filter')`,
    'filter',
    [{ code: 'Error.BadRequest', message: err.message, target: 'filter' }],
    { validation: true },
  );
}
