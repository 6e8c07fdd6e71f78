export * from './tracing.js';
export * from './db-tracing.js';
export * from './http-tracing.js';
export * from './metrics.js';
export * from './subgraph-metrics.js';
export * from './graphql-plugin.js';
export * from './gateway.js';
export * from './events.js';
