import type { SubgraphDefinition } from '@backoffice/kit';

/**
 * The documents subgraph boots with the shared tables (outbox, inbox, dead letters) and its schema's
 * foundations; its own features arrive with its issue.
 */
export const documentsSubgraph: SubgraphDefinition<Record<string, never>> = {
  name: 'documents',
  schemaDir: import.meta.dirname,
  entities: [],
  migrations: [],
  services: () => ({}),
  resolvers: {},
};
