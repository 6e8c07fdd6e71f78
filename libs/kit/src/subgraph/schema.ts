import { buildSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLSchema, parse } from 'graphql';
import { applyAuthorization } from '../auth/authorization.js';
import { scalarResolvers } from '../graphql/scalars.js';
import type { ResolverMap } from './definition.js';
import { subgraphSdl } from './sdl.js';

/**
 * The subgraph's executable schema: its SDL, the kit's scalars it declares, its resolvers, and the
 * SDL's authorization rules enforced on every field.
 */
export function buildServiceSchema(schemaDir: string, resolvers: ResolverMap | ResolverMap[]): GraphQLSchema {
  const sdl = subgraphSdl(schemaDir);
  if (sdl === undefined) throw new Error(`no *.graphql files under ${schemaDir}`);
  const typeDefs = parse(sdl);
  const resolverList = Array.isArray(resolvers) ? resolvers : [resolvers];
  const declaredScalars = Object.fromEntries(
    Object.entries(scalarResolvers).filter(([name]) =>
      typeDefs.definitions.some((d) => d.kind === 'ScalarTypeDefinition' && d.name.value === name),
    ),
  );
  return applyAuthorization(
    buildSubgraphSchema({
      typeDefs,
      resolvers: { ...declaredScalars, ...mergeResolvers(resolverList) } as any,
    }),
  );
}

function mergeResolvers(list: ResolverMap[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of list) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged;
}
