import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  defaultFieldResolver,
  execute,
  isObjectType,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Prepared queries: a query Apollo Server has parsed, validated and resolved once is answered the next
 * times without Apollo's per-request pipeline (its plugin hooks, header maps, hashing and negotiation
 * for every request, a third of a subgraph's CPU on a small page). Only what that pipeline would answer
 * the same way takes this path:
 *
 * - a POST with a JSON body of `query`, `variables` (an object) and `operationName`, nothing else
 *   (no `extensions`: persisted queries and anything else a client negotiates stay with Apollo);
 * - whose exact text (and operation name) Apollo validated before and found to be a query: never a
 *   mutation, whose Idempotency-Key the idempotency plugin must see;
 * - with an Accept header Apollo answers with a known media type (PREPARED_ACCEPT).
 *
 * Execution is graphql-js's own, on the same schema (its authorization wrappers included) and the same
 * context (the identity verified by the caller before). A result without data (variables that do not
 * coerce) goes back to Apollo, which answers it in its own words; nothing has run by then. Field
 * errors are formatted as Apollo formats them (formatResultErrors), by the service's formatError.
 * The path is off while tracing is on: the server span is named by Apollo's plugins.
 */
export interface PreparedQuery {
  readonly document: DocumentNode;
  readonly operationName: string | null;
  /** graphql-jit's compiled form, made on first use; null when it would not compile. */
  compiled?: CompiledQuery | null;
}

/** Accept headers and the media type Apollo answers a single result with (checked by a test). */
export const PREPARED_ACCEPT: ReadonlyMap<string | undefined, string> = new Map([
  [undefined, 'application/json; charset=utf-8'],
  ['*/*', 'application/json; charset=utf-8'],
  ['application/json', 'application/json; charset=utf-8'],
  ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
  ['application/graphql-response+json, application/json', 'application/graphql-response+json; charset=utf-8'],
  [
    'application/graphql-response+json, application/json;q=0.9',
    'application/graphql-response+json; charset=utf-8',
  ],
]);

/** Bounds: a client cannot fill memory with distinct queries. */
const MAX_QUERIES = 500;
const MAX_QUERY_LENGTH = 16 * 1024;

/** A GraphQL request body as the prepared path takes it. */
interface PlainBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export class PreparedQueries {
  private readonly queries = new Map<string, PreparedQuery>();

  constructor(readonly schema: GraphQLSchema) {
    resolveEveryFieldExplicitly(schema);
  }

  /** Learns each query Apollo resolved without errors (validation passed), most recent kept. */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ request, document, operation, operationName }) => {
          if (operation?.operation !== 'query' || request.http?.method !== 'POST') return;
          if (request.extensions && Object.keys(request.extensions).length > 0) return;
          const query = request.query;
          if (typeof query !== 'string' || query.length > MAX_QUERY_LENGTH) return;
          this.remember(keyOf(query, request.operationName), { document, operationName });
        },
      }),
    };
  }

  private remember(key: string, prepared: PreparedQuery): void {
    this.queries.delete(key);
    this.queries.set(key, prepared);
    if (this.queries.size > MAX_QUERIES) this.queries.delete(this.queries.keys().next().value as string);
  }

  /** The prepared query this request asks for, or undefined when Apollo must answer it. */
  lookup(req: IncomingMessage, body: unknown): { prepared: PreparedQuery; body: PlainBody } | undefined {
    if (this.queries.size === 0 || !isPlainBody(body)) return undefined;
    const type = req.headers['content-type'];
    if (type !== 'application/json' && !type?.startsWith('application/json;')) return undefined;
    if (!PREPARED_ACCEPT.has(req.headers.accept)) return undefined;
    const prepared = this.queries.get(keyOf(body.query, body.operationName));
    return prepared && { prepared, body };
  }

  /** Runs a prepared query; undefined when its variables did not coerce (Apollo answers then). */
  async execute(
    prepared: PreparedQuery,
    body: PlainBody,
    contextValue: unknown,
  ): Promise<ExecutionResult | undefined> {
    if (prepared.compiled === undefined) {
      const compiled = compileQuery(this.schema, prepared.document, body.operationName ?? undefined);
      prepared.compiled = isCompiledQuery(compiled) ? compiled : null;
    }
    const result = prepared.compiled
      ? asGraphQLJsResult(await prepared.compiled.query(undefined, contextValue, body.variables ?? {}))
      : await execute({
          schema: this.schema,
          document: prepared.document,
          contextValue,
          variableValues: body.variables ?? undefined,
          operationName: body.operationName ?? undefined,
        });
    return result.data === undefined ? undefined : result;
  }
}

/**
 * graphql-jit's errors are its own light objects (no `extensions` when the resolver's error had none,
 * `locations` given rather than computed): made into graphql-js errors, as formatError expects them.
 */
function asGraphQLJsResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const error = new GraphQLError(e.message, {
      path: e.path,
      originalError: e.originalError ?? undefined,
      extensions: e.extensions,
    });
    (error as { locations?: unknown }).locations = e.locations;
    return error;
  });
  return { ...result, errors };
}

/**
 * graphql-jit reads a field without a resolver as a plain property, where graphql-js's default
 * resolver calls a property that is a function (the kit's lazy `totalCount`, an entity's method).
 * Giving each such field graphql-js's own default resolver makes both executions one semantics.
 */
function resolveEveryFieldExplicitly(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) field.resolve ??= defaultFieldResolver;
  }
}

function keyOf(query: string, operationName: string | null | undefined): string {
  return operationName ? `${operationName}\u0000${query}` : query;
}

function isPlainBody(body: unknown): body is PlainBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  for (const key in body) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return false;
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string') return false;
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    return false;
  return operationName === undefined || operationName === null || typeof operationName === 'string';
}

/** What a formatted error contributes to the response's HTTP head (`extensions.http`), as Apollo reads it. */
export interface HttpFromErrors {
  status?: number;
  headers: Map<string, string>;
}

/**
 * Execution errors as Apollo Server formats them (its errorNormalize): the code defaults to
 * INTERNAL_SERVER_ERROR, `extensions.http` moves to the response head, then the service's formatError.
 */
export function formatResultErrors(
  errors: readonly GraphQLError[],
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): { formatted: GraphQLFormattedError[]; http: HttpFromErrors } {
  const http: HttpFromErrors = { headers: new Map() };
  const formatted = errors.map((error) => {
    const extensions: Record<string, unknown> = {
      ...error.extensions,
      code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
    };
    const head = extensions.http as { status?: unknown; headers?: unknown } | undefined;
    // Apollo's isPartialHTTPGraphQLHead: only a well-formed head leaves the extensions.
    if (
      head &&
      typeof head === 'object' &&
      (!('status' in head) || typeof head.status === 'number') &&
      (!('headers' in head) || head.headers instanceof Map)
    ) {
      if (head.status) http.status = head.status as number;
      if (head.headers instanceof Map) for (const [k, v] of head.headers) http.headers.set(k, v);
      delete extensions.http;
    }
    try {
      return formatError({ ...error.toJSON(), extensions }, error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  });
  return { formatted, http };
}
