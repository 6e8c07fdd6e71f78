/**
 * The one error every IT domain rule throws. The rules stay free of GraphQL; the resolver layer maps
 * `code` onto `extensions.code` and `field` onto the input field the person has to correct.
 *
 * - `BAD_USER_INPUT`: the input itself is malformed or impossible (an unknown status, a negative
 *   duration, an end before a start, a calendar without working hours).
 * - `CONFLICT`: the input is well formed but clashes with the ticket's current state (a transition
 *   the workflow does not allow from here, a reopen after the window, a comment on a closed ticket).
 * - `FORBIDDEN`: the caller's roles do not allow the action (an internal comment by a non-agent).
 */
export type DomainRuleErrorCode = 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN';

export class DomainRuleError extends Error {
  override readonly name = 'DomainRuleError';
  readonly code: DomainRuleErrorCode;
  readonly field?: string;

  constructor(code: DomainRuleErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export function isDomainRuleError(error: unknown): error is DomainRuleError {
  return error instanceof DomainRuleError;
}
