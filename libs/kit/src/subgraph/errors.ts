import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError, fromDatabaseError, isTransientDatabaseError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Errors as clients see them: the contract's codes, and nothing internal outside development. */
export function formatError(development: boolean, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      const extensions: Record<string, unknown> = { code: original.code };
      if (original.field) extensions.field = original.field;
      return { message: original.message, path: formatted.path, extensions };
    }
    if (isTransientDatabaseError(original)) {
      log.warn({ err: (original as Error).message }, 'database unavailable during a request');
      return {
        message: 'the database was briefly unavailable and nothing was saved; retry the request',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true },
      };
    }
    const fromDb = fromDatabaseError(original);
    if (fromDb) return { message: fromDb.message, path: formatted.path, extensions: { code: fromDb.code } };
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, extensions: { code } };
    log.error(
      {
        err:
          original instanceof Error ? { message: original.message, stack: original.stack } : String(original),
      },
      'unexpected error',
    );
    if (development) return formatted;
    return {
      message: 'internal error: the request could not be completed',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
