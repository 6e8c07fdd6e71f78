import type { SubgraphDefinition } from '@backoffice/kit';

/**
 * The compliance subgraph boots with the shared tables (outbox, inbox, dead letters) and its schema's
 * foundations; its own features arrive with its issue.
 */
export const complianceSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: 'compliance',
  schemaDir: import.meta.dirname,
  entities: [],
  migrations: [],
  services: () => ({}),
  resolvers: {},
};
