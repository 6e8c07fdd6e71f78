import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { PreparedOutcome } from '../http.js';
import { type ObservabilityPluginOptions, recordGraphQLRequest } from '../observability/index.js';
import { tracingEnabled } from '../observability/tracing.js';
import { PREPARED_ACCEPT, type PreparedQueries, formatResultErrors } from './prepared-queries.js';

/**
 * The subgraph's prepared path (prepared-queries.ts): answers a query Apollo validated before, as
 * Apollo would answer it, or hands the request back to Apollo with the context already made (its
 * identity statement is single-use, so it is verified once).
 */
export function preparedPath<C extends BaseContext>(options: {
  queries: PreparedQueries;
  context: (req: IncomingMessage, rawBody: string) => Promise<C>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  observability: ObservabilityPluginOptions<C>;
}): (
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  rawBody: string,
) => Promise<PreparedOutcome<C>> {
  const { queries } = options;
  return async (req, res, body, rawBody) => {
    if (tracingEnabled()) return undefined;
    const found = queries.lookup(req, body);
    if (!found) return undefined;
    const started = performance.now();
    let contextValue: C;
    try {
      contextValue = await options.context(req, rawBody);
    } catch (error) {
      return { context: () => Promise.reject(error) };
    }
    const result = await queries.execute(found.prepared, found.body, contextValue);
    if (!result) return { context: () => Promise.resolve(contextValue) };
    const errors = result.errors?.length ? formatResultErrors(result.errors, options.formatError) : undefined;
    const text = `${JSON.stringify({ errors: errors?.formatted, data: result.data, extensions: result.extensions })}\n`;
    res.statusCode = errors?.http.status ?? 200;
    for (const [name, value] of errors?.http.headers ?? []) res.setHeader(name, value);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-type', PREPARED_ACCEPT.get(req.headers.accept) as string);
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text);
    options.observability.metrics.prepared.inc({
      operation: options.observability.metrics.operationLabel(found.prepared.operationName),
    });
    recordGraphQLRequest(options.observability, {
      operationName: found.prepared.operationName,
      started,
      errors: errors?.formatted ?? [],
      context: contextValue,
    });
    return true;
  };
}
