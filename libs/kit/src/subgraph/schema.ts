import fs from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type GraphQLSchema, parse } from 'graphql';
import { applyAuthorization } from '../auth/authorization.js';
import { scalarResolvers } from '../graphql/scalars.js';

export function loadSchemaFiles(dir: string): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.graphql')) files.push(p);
    }
  };
  walk(dir);
  return files
    .sort()
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

/**
 * The subgraph's executable schema: its SDL, the kit's scalars it declares, its resolvers, and the
 * SDL's authorization rules enforced on every field.
 */
export function buildServiceSchema<C>(
  schemaDir: string,
  resolvers: GraphQLResolverMap<C> | GraphQLResolverMap<C>[],
): GraphQLSchema {
  const typeDefs = parse(loadSchemaFiles(schemaDir));
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

function mergeResolvers<C>(list: GraphQLResolverMap<C>[]): GraphQLResolverMap<C> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of list) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as GraphQLResolverMap<C>;
}
