/**
 * Helpers for the cross-service tests in `test/`. Stream cleanup lives in the kit because the NATS
 * client is a dependency of the kit only and does not resolve from here.
 */
export {
  createTestStream,
  deleteTestStream,
  publishSignedBody,
  publishSignedEvent,
  testKeyring,
} from '@backoffice/kit/testing';
export { freePort } from '../../scripts/lib/ports.js';
export { mintToken } from '../../scripts/lib/token.js';
export { type PlatformOptions, startPlatform } from '../../scripts/platform.js';
export { startPlatformOnFreePorts } from './platform.js';
export { dropTestDatabases } from './databases.js';
export { errorCodes, type GraphQLClient, type GraphQLResponse, graphqlClient } from './graphql.js';
export { testEnv, uniqueRunId } from './run-id.js';
