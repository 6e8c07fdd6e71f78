import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GatewayObservability, Logger } from '@backoffice/kit';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import { costLimitPlugin } from '../cost.js';
import { createErrorFormatter } from '../errors.js';
import { inputHygienePlugin } from '../input-hygiene.js';
import { introspectionPlugin } from '../introspection.js';
import { operationLimitsRule } from '../limits.js';
import { apolloLogger } from '../log.js';
import type { Supergraph } from './supergraph.js';

/** Records the resolved operation name on the context for the request log line. */
const operationNamePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operationName }) {
        contextValue.seen.operationName = operationName;
      },
    };
  },
};

/** Apollo Server over the supergraph, with the graph's limits, its error contract and no reporting to Apollo. */
export function createGatewayApollo(
  config: GatewayConfig,
  gateway: Supergraph['gateway'],
  log: Logger,
  observe: GatewayObservability,
): ApolloServer<GatewayContext> {
  // Error details and suggestions only with BACKOFFICE_DEV=1 on a developer's machine, never by default.
  const development = config.mode === 'development';
  const production = config.mode === 'production';
  return new ApolloServer<GatewayContext>({
    gateway,
    nodeEnv: development ? 'development' : config.mode === 'test' ? 'test' : 'production',
    logger: apolloLogger(log),
    csrfPrevention: true,
    persistedQueries: false,
    introspection: config.security.introspection !== 'off',
    // No "Did you mean ...?" outside development: suggestions map the schema for whoever probes it.
    hideSchemaDetailsFromClientErrors: !development,
    includeStacktraceInErrorResponses: development,
    parseOptions: { noLocation: true, maxTokens: config.limits.maxTokens },
    validationRules: [operationLimitsRule(config.limits)],
    formatError: createErrorFormatter({ development, log }),
    plugins: [
      operationNamePlugin,
      observe.plugin,
      introspectionPlugin(config.security.introspection),
      costLimitPlugin({ maxCost: config.limits.maxCost }),
      inputHygienePlugin,
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
}
