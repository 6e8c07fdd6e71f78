import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from './metrics.js';

export interface RequestLog {
  log: Logger;
  /** Ids to add to the line when `log` does not carry them already (request id, trace id, user id). */
  fields?: Record<string, unknown>;
}

export interface ObservabilityPluginOptions<C> {
  metrics: ServiceMetrics;
  /**
   * Where the one line per request goes, with the request's ids (never tokens or variables).
   * Omit it where the HTTP layer already logs each request (the gateway).
   */
  requestLog?: (context: C) => RequestLog | undefined;
}

/**
 * Per GraphQL request: count and time it by operation name, count its errors by `extensions.code`
 * (as the client sees them, after formatError), and write one log line with the operation, duration,
 * request id, trace id and user id. Its spans come from the graphql instrumentation (instrumentations.ts).
 */
export function observabilityPlugin<C extends BaseContext>(
  options: ObservabilityPluginOptions<C>,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operationName: string | null = null;
      return {
        async didResolveOperation({ operationName: name }) {
          operationName = name ?? null;
        },
        async willSendResponse({ response, contextValue, request, document }) {
          // Requests that fail validation never resolve an operation: name them after what they asked for.
          operationName ??= request.operationName ?? firstOperationName(document) ?? null;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          recordGraphQLRequest(options, { operationName, started, errors, context: contextValue });
        },
      };
    },
  };
}

/**
 * One answered GraphQL request in the metrics and the log (the plugin's work, also done by the
 * subgraphs' prepared path, which answers without Apollo's plugins).
 */
export function recordGraphQLRequest<C>(
  options: ObservabilityPluginOptions<C>,
  answered: {
    operationName: string | null;
    /** performance.now() when the request started. */
    started: number;
    errors: readonly { extensions?: Record<string, unknown> }[];
    context: C;
  },
): void {
  const { metrics } = options;
  const { operationName, errors } = answered;
  const seconds = (performance.now() - answered.started) / 1000;
  const operation = metrics.operationLabel(operationName);
  const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  for (const code of codes) metrics.errors.inc({ operation, code });
  metrics.requests.inc({ operation, outcome: codes.length > 0 ? 'error' : 'ok' });
  metrics.duration.observe({ operation }, seconds);
  if (!options.requestLog) return;
  const target = options.requestLog(answered.context);
  target?.log.info(
    {
      ...target.fields,
      operationName,
      durationMs: Math.round(seconds * 100_000) / 100,
      ...(codes.length > 0 ? { errorCodes: [...new Set(codes)] } : {}),
    },
    'request',
  );
}

function firstOperationName(document: DocumentNode | undefined): string | undefined {
  for (const d of document?.definitions ?? []) if (d.kind === 'OperationDefinition') return d.name?.value;
  return undefined;
}
