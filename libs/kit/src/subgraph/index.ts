export type {
  RunningSubgraph,
  ScheduledJob,
  ServiceContext,
  ServiceDeps,
  SubgraphDefinition,
} from './definition.js';
export { formatError } from './errors.js';
export { loadSchemaFiles } from './schema.js';
export { runSubgraph, startSubgraph } from './start.js';
