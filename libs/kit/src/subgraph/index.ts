export type {
  RunningSubgraph,
  ScheduledJob,
  ServiceContext,
  ServiceDeps,
  SubgraphDefinition,
} from './definition.js';
export { formatError } from './errors.js';
export type { ServiceRoute } from './routes.js';
export {
  COMMON_SDL_FILE,
  serviceSchemaFiles,
  subgraphSchemaFiles,
  subgraphSdl,
  withCommonSdl,
} from './sdl.js';
export { runSubgraph } from './run.js';
export { startSubgraph } from './start.js';
export { requestTypename } from './warm-up.js';
