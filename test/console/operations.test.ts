import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSchema, type GraphQLSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CATALOG_OPERATIONS } from '../../apps/console/src/catalog-operations.js';
import { OPERATIONS, WorkplaceCost } from '../../apps/console/src/operations.js';
import { PayrollCost } from '../../apps/console/src/payroll-operations.js';
import { REPO_ROOT } from './browser.js';

/**
 * The console's operations and the analyst examples against the composed graph (gateway/schema/supergraph.graphql,
 * the file the gateway serves): a schema change that breaks a screen or an example fails here.
 */
function apiSchema(): GraphQLSchema {
  // federation-internals turns the supergraph into the client-facing API schema; it is a dependency of
  // the gateway's @apollo/composition, so it is resolved from there.
  const require = createRequire(join(REPO_ROOT, 'gateway/package.json'));
  const fromComposition = createRequire(require.resolve('@apollo/composition'));
  const internalsPath = fromComposition.resolve('@apollo/federation-internals');
  const internals = fromComposition(internalsPath) as {
    Supergraph: { build(sdl: string): { apiSchema(): { toGraphQLJSSchema(): unknown } } };
  };
  // Printed with federation's own graphql copy, parsed again with ours: no cross-instance objects.
  const { printSchema } = createRequire(internalsPath)('graphql') as { printSchema(schema: unknown): string };
  const supergraph = internals.Supergraph.build(
    readFileSync(join(REPO_ROOT, 'gateway/schema/supergraph.graphql'), 'utf8'),
  );
  return buildSchema(printSchema(supergraph.apiSchema().toGraphQLJSSchema()));
}

describe('console operations', () => {
  const schema = apiSchema();

  // WorkplaceCost was declared after OPERATIONS and so went unchecked; the catalog's have their own file.
  // PayrollCost has a file of its own (operations.ts is full).
  const every = { ...OPERATIONS, WorkplaceCost, PayrollCost, ...CATALOG_OPERATIONS };

  it.each(Object.entries(every))('%s is valid against the composed schema', (_name, op) => {
    expect(validate(schema, parse(op.toString())).map((e) => e.message)).toEqual([]);
  });

  it('ships example queries for the analyst workbench, each valid', () => {
    const dir = join(REPO_ROOT, 'docs/queries');
    const files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const errors = validate(schema, parse(readFileSync(join(dir, file), 'utf8')));
      expect(errors.map((e) => `${file}: ${e.message}`)).toEqual([]);
    }
  });
});
