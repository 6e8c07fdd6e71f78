/**
 * The test helpers that speak NATS. They stay in the kit (`@backoffice/kit/testing`) because the NATS
 * client is a dependency of the kit only; the testkit is the one place anything else takes them from.
 */
export {
  createTestStream,
  deleteTestStream,
  publishSignedBody,
  publishSignedEvent,
  testKeyring,
} from '@backoffice/kit/testing';
