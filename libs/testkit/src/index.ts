/**
 * The one way tests, benchmarks, the seed and `pnpm start` start a platform and act on it:
 * - a run's isolation (its databases, stream and subject prefix) and its cleanup;
 * - subgraphs in-process (newTestRun, startTestSubgraph), called as the gateway would;
 * - the whole platform as processes (startPlatform), on chosen or free ports;
 * - callers: user tokens (mintToken), a GraphQL client, signed events on the bus.
 * What a benchmark needs of a service's inside comes from `@backoffice/testkit/services/<name>`,
 * so benchmarks and scripts never import a service's source themselves.
 */
export { dropTestDatabases } from './databases.js';
export { recordStatements } from './statements.js';
export { eventually } from './eventually.js';
export { seededRandom } from './random.js';
export {
  callSubgraph,
  type GraphQLResult,
  generateGatewayKeys,
  signedAsGateway,
  signedForRoute,
  subgraphAudience,
  testGatewayKeyring,
  testIdentity,
} from './gateway-identity.js';
export {
  errorCodes,
  type GraphQLClient,
  type GraphQLError,
  type GraphQLResponse,
  graphqlClient,
  type RequestOptions,
} from './graphql-client.js';
export { type ExitInfo, type ManagedChild, spawnManaged } from './platform/child.js';
export { freeServicePorts, platformTails, startPlatformOnFreePorts } from './platform/on-free-ports.js';
export { type LineSink, prefixingSink } from './platform/output.js';
export { freePort, isPortFree, preferredOrFreePort } from './platform/ports.js';
export {
  type Platform,
  type PlatformOptions,
  type PlatformProcess,
  PlatformStartError,
  type ProcessName,
  COMPILED_ENV,
  COMPILED_NODE_FLAGS,
  platformEnv,
  processArgs,
  type Runtime,
  startPlatform,
  type UnexpectedExit,
} from './platform/start.js';
export { assertRunId, testEnv, uniqueRunId } from './run.js';
export {
  createTestStream,
  deleteTestStream,
  publishSignedBody,
  publishSignedEvent,
  testKeyring,
} from './streams.js';
export { newTestRun, startTestSubgraph, type TestRun } from './subgraphs.js';
export {
  type MintOptions,
  mintToken,
  parseTtl,
  signingSecret,
  type TokenClaims,
  TokenError,
  validateRoles,
} from './tokens.js';
