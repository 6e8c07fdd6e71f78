import type { SubgraphDefinition } from '@backoffice/kit';

/**
 * The accounting subgraph boots with the shared tables (outbox, inbox, dead letters) and its schema's
 * foundations; its own features arrive with its issue.
 */
export const accountingSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: 'accounting',
  schemaDir: import.meta.dirname,
  entities: [],
  migrations: [],
  services: () => ({}),
  resolvers: {},
};
