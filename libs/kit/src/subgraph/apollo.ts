import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { idempotencyPlugin } from '../graphql/idempotency.js';
import type { Logger } from '../logger.js';
import { observabilityPlugin, type ServiceMetrics } from '../observability/index.js';
import type { ServiceContext } from './definition.js';
import type { GraphQLHttpOptions } from '../http.js';
import { formatError } from './errors.js';
import { preparedPath } from './prepared-path.js';
import { PreparedQueries } from './prepared-queries.js';

/** Apollo Server over the subgraph's schema, started: idempotent mutations, metrics, the contract's errors. */
export async function startApollo<S>(options: {
  schema: GraphQLSchema;
  db: DataSource;
  metrics: ServiceMetrics;
  /** Error details and the landing page only in explicit dev mode. */
  development: boolean;
  production: boolean;
  log: Logger;
}): Promise<SubgraphApollo<S>> {
  const { db, development, log } = options;
  const observability = {
    metrics: options.metrics,
    // The request's own logger only when the line will be written (it is made on first use).
    requestLog: (ctx: ServiceContext<S>) => (log.isLevelEnabled('info') ? { log: ctx.log } : undefined),
  };
  const format = formatError(development, log);
  // Not in development (stack traces in errors) nor with Apollo's cloud reporting, which would miss them.
  const queries = development || process.env.APOLLO_KEY ? undefined : new PreparedQueries(options.schema);
  const plugins: ApolloServerPlugin<ServiceContext<S>>[] = [
    idempotencyPlugin(() => db) as ApolloServerPlugin<any>,
    // Inline traces are for Apollo's cloud; they cost CPU on every request and we do not send them.
    ApolloServerPluginInlineTraceDisabled(),
    // The cache-control plugin wraps every field of every row to collect hints, yet no schema gives
    // one: every answer is uncacheable. Its header stays, without the per-field work.
    ApolloServerPluginCacheControlDisabled(),
    uncacheablePlugin(),
    observabilityPlugin<ServiceContext<S>>(observability),
  ];
  if (queries) plugins.push(queries.plugin());
  if (!development) plugins.push(ApolloServerPluginLandingPageDisabled());
  const apollo = new ApolloServer<ServiceContext<S>>({
    schema: options.schema,
    plugins,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: development,
    formatError: format,
    nodeEnv: options.production ? 'production' : undefined,
  });
  await apollo.start();
  return {
    apollo,
    prepared: (context) => queries && preparedPath({ queries, context, formatError: format, observability }),
  };
}

export interface SubgraphApollo<S> {
  apollo: ApolloServer<ServiceContext<S>>;
  /** The prepared path over the request's context (none in development). */
  prepared: (
    context: (req: IncomingMessage, rawBody: string) => Promise<ServiceContext<S>>,
  ) => GraphQLHttpOptions<ServiceContext<S>>['prepared'];
}

/** The headers Apollo's cache-control plugin reads (and replaces); it leaves any other alone. */
const READABLE_CACHE_CONTROL = /^(no-store|max-age=\d+, (public|private))$/;

/**
 * The `cache-control: no-store` Apollo's cache-control plugin answers when no field gives a hint (no
 * schema here has @cacheControl, and the default max age is 0), set once per response.
 */
function uncacheablePlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const existing = response.http.headers.get('cache-control');
          if (!existing || READABLE_CACHE_CONTROL.test(existing))
            response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
