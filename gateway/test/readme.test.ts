import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { SERVICE_NAMES, serviceUrl } from '@backoffice/kit';
import { subgraphSdl } from '@backoffice/kit/sdl';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * The README is for newcomers: every GraphQL example in it must run against the graph as composed
 * now, so a renamed field or argument fails here rather than in someone's first hour.
 */
const root = resolve(import.meta.dirname, '../..');

function apiSchema() {
  const services = SERVICE_NAMES.map((name) => ({
    name,
    url: serviceUrl(name),
    typeDefs: parse(subgraphSdl(join(root, 'services', name, 'src')) ?? ''),
  }));
  const result = composeServices(services);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.schema.toAPISchema().toGraphQLJSSchema();
}

function readmeOperations(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
  // Each top-level operation on its own; comments are fine.
  const hasCode = (op: string) => op.split('\n').some((line) => line.trim() && !line.trim().startsWith('#'));
  return blocks
    .flatMap((block) => block.split(/\n(?=(?:query|mutation|\{))/).map((op) => op.trim()))
    .filter(hasCode);
}

describe('README examples', () => {
  it('are valid operations against the composed graph', () => {
    const schema = apiSchema();
    const operations = readmeOperations();
    expect(operations.length).toBeGreaterThan(10);
    const problems = operations.flatMap((op) =>
      validate(schema, parse(op)).map((e) => `${e.message}\n  in: ${op.slice(0, 80)}`),
    );
    expect(problems).toEqual([]);
  });
});
