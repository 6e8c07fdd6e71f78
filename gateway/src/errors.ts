import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '@backoffice/kit';

/** The codes the contract promises for expected (domain) failures; their messages are written for people. */
const CONTRACT_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

/**
 * graphql's and Apollo's standard codes for a document that is not a valid GraphQL request for this
 * schema, kept as Apollo sends them (HTTP 400): the protocol's failures, not the contract's, so the
 * tools that speak GraphQL (GraphiQL, Apollo Client, Relay) see what they expect.
 */
const PROTOCOL_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/** Apollo's other codes for a request the client got wrong; to a client they are BAD_USER_INPUT. */
const CLIENT_MISTAKE_CODES = new Set(['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

/** Client-facing and harmless, kept as Apollo sends them. */
const PASSTHROUGH_CODES = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** graphql's parser stopping at parseOptions.maxTokens: the gateway's MAX_TOKENS limit, not a syntax error. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens/;

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
 * The code a client sees. Every limit the gateway sets (a validation error with a `limit` extension,
 * or the parser's token limit) is BAD_USER_INPUT naming the limit; other parse and validation failures
 * keep graphql's standard codes; Apollo's remaining client-mistake codes become BAD_USER_INPUT.
 */
function clientCode(
  code: string | undefined,
  formatted: GraphQLFormattedError,
  extensions: Record<string, unknown>,
): string | undefined {
  if (code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT.test(formatted.message)) {
    extensions.limit = 'MAX_TOKENS';
    return 'BAD_USER_INPUT';
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof extensions.limit === 'string') return 'BAD_USER_INPUT';
  if (code && CLIENT_MISTAKE_CODES.has(code)) return 'BAD_USER_INPUT';
  return code;
}

/**
 * Shapes every error the gateway sends. Expected failures keep their message and code, parse and
 * validation failures theirs; limits and other client mistakes are BAD_USER_INPUT; anything else is an
 * internal error whose message (SQL text, a hostname, a stack) stays in our log, not in the response,
 * outside development.
 */
export function createErrorFormatter({ development, log }: { development: boolean; log: Logger }) {
  return (formatted: GraphQLFormattedError, _error: unknown): GraphQLFormattedError => {
    const extensions = { ...formatted.extensions };
    const given = typeof extensions.code === 'string' ? extensions.code : undefined;
    const code = clientCode(given, formatted, extensions);
    if (code !== given) extensions.code = code;
    if (development) return { ...formatted, extensions };

    for (const name of INTERNAL_EXTENSIONS) delete extensions[name];
    if (code && (CONTRACT_CODES.has(code) || PROTOCOL_CODES.has(code) || PASSTHROUGH_CODES.has(code))) {
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
