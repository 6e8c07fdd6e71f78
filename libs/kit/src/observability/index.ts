export * from './tracing.js';
export { nameRequestRoute, requestTraceId } from './http-tracing.js';
export * from './metrics.js';
export * from './subgraph-metrics.js';
export * from './graphql-plugin.js';
export * from './gateway.js';
export * from './events.js';
export * from './recording.js';
export * from './scrape-listener.js';
