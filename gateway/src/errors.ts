import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '@backoffice/kit';

/** The codes the contract promises for expected failures; their messages are written for people. */
const CONTRACT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

/** Apollo's codes for a request the client got wrong; to a client they are all BAD_USER_INPUT. */
const CLIENT_MISTAKE_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Client-facing and harmless, kept as Apollo sends them. */
const PASSTHROUGH_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** Extensions that can carry stack traces, upstream URLs (hostnames) or internal topology. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response', 'serviceName', 'originalError', 'http'];

/** graphql-js appends `Did you mean "x"?` to unknown field, argument, type and enum value errors. */
const SUGGESTION = /\s*Did you mean [^?]*\?\s*$/;

/** A message without schema suggestions: outside development they map the schema for whoever probes. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export const INTERNAL_ERROR_MESSAGE =
  'internal error; retry later, and report the x-request-id if it persists';

/**
 * Shapes every error the gateway sends. Expected failures keep their message and code; client
 * mistakes become BAD_USER_INPUT; anything else is an internal error whose message (SQL text, a
 * hostname, a stack) stays in our log, not in the response, outside development.
 */
export function createErrorFormatter({ development, log }: { development: boolean; log: Logger }) {
  return (formatted: GraphQLFormattedError, _error: unknown): GraphQLFormattedError => {
    const extensions = { ...formatted.extensions };
    let code = typeof extensions.code === 'string' ? extensions.code : undefined;
    if (code && CLIENT_MISTAKE_CODES.has(code)) {
      extensions.code = 'BAD_USER_INPUT';
      code = 'BAD_USER_INPUT';
    }
    if (development) return { ...formatted, extensions };

    for (const name of INTERNAL_EXTENSIONS) delete extensions[name];
    if (code && (CONTRACT_CODES.has(code) || PASSTHROUGH_CODES.has(code))) {
      return { message: withoutSuggestions(formatted.message), ...pathOf(formatted), extensions };
    }
    log.error(
      {
        code: code ?? null,
        message: formatted.message,
        path: formatted.path ?? null,
        service: formatted.extensions?.serviceName ?? null,
      },
      'internal error in a GraphQL response',
    );
    return {
      message: INTERNAL_ERROR_MESSAGE,
      ...pathOf(formatted),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

function pathOf(formatted: GraphQLFormattedError): Pick<GraphQLFormattedError, 'path'> {
  return formatted.path ? { path: formatted.path } : {};
}
