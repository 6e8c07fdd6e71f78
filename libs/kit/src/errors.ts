import { GraphQLError } from 'graphql';

/** The contract's error codes; every expected failure answers one of these. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/**
 * An expected failure of a business rule, thrown by domain code that knows nothing of GraphQL (pure
 * rules import it from `@backoffice/kit/errors`, without the rest of the kit). The kit turns it into a
 * GraphQL error with the same code; `field` names the offending input (e.g. `contracts[1].fte`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function graphQLError(code: ErrorCode, message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: field ? { code, field } : { code } });
}

export const badInput = (message: string, field?: string) =>
  new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', `${what} ${id} does not exist`);
export const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, field);
export const forbidden = (message = 'you do not have a role that may do this', field?: string) =>
  new DomainError('FORBIDDEN', message, field);
export const unauthenticated = (message = 'sign in first: this needs a valid token') =>
  new DomainError('UNAUTHENTICATED', message);

/** Postgres error codes worth translating into the contract's vocabulary. */
export function fromDatabaseError(e: unknown): DomainError | undefined {
  const code =
    (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ??
    (e as { code?: string })?.code;
  if (code === '23505') return conflict('this already exists (a unique value is taken)');
  if (code === '22P02' || code === '22003' || code === '22007' || code === '22008')
    return badInput('a value has the wrong format or is out of range');
  if (code === '23514') return badInput('a value breaks a rule of the ledger or record');
  // Text Postgres cannot store or compare (a NUL byte, broken UTF-8): the caller's input, not our fault.
  if (code === '22021' || code === '22P05')
    return badInput('a text value contains characters that cannot be stored');
  return undefined;
}

/**
 * Failures that say nothing about the request: the connection was cut (failover, restart), the
 * transaction lost a serialisation race, no connection came free within the pool's wait, or TypeORM
 * had already let go of the transaction's connection when it was cut (its next statement then fails
 * as "already released"; seen in the soak when Postgres cut every backend). Nothing was committed, and
 * the same request may succeed.
 */
export function isTransientDatabaseError(e: unknown): boolean {
  const code =
    (e as { code?: string; driverError?: { code?: string } })?.driverError?.code ??
    (e as { code?: string })?.code ??
    '';
  const message = String((e as { message?: string })?.message ?? '');
  return (
    code.startsWith('08') ||
    ['57P01', '57P02', '57P03', '40001', '40P01', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(code) ||
    /Connection terminated|connection is closed|Client has encountered a connection error/i.test(message) ||
    // pg-pool's wait for a free connection, and TypeORM's runner whose connection the cut released.
    /timeout exceeded when trying to connect|query runner (was )?already released/i.test(message)
  );
}
