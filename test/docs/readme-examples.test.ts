import { readFileSync } from 'node:fs';
import { type OperationDefinitionNode, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Role } from '@backoffice/kit';
import { eventually, graphqlClient, mintToken } from '@backoffice/testkit';
import { wholePlatform } from '../support/whole-platform.js';

/**
 * The README's examples, run as written, in the order written, against a fresh platform: a newcomer
 * who pastes them gets answers, not errors. Each operation says who runs it (`# as <role>`, `# as
 * <role>, another person`, `# as the employee`); the ids it needs (`$dept`, `$employee`, ...) come
 * from the answers of the examples before it (ANSWERS below says which answer fills which name).
 */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Root field of an answer -> the variable later examples name its `id` by. */
const ANSWERS: Record<string, string> = {
  createDepartment: 'dept',
  hireEmployee: 'employee',
  requestLeave: 'leave',
  createPayrollRun: 'run',
  createTicket: 'ticket',
  uploadDocument: 'document',
  createWarehouse: 'warehouse',
  createPriceList: 'priceList',
  createProduct: 'product',
};

interface Example {
  as: string;
  operation: OperationDefinitionNode;
  line: number;
}

/** Every operation of every ```graphql block, with the `# as ...` line closest above it. */
function graphqlExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const blocks = markdown.matchAll(/^```graphql\n([\s\S]*?)^```/gm);
  for (const block of blocks) {
    const source = block[1];
    const firstLine = markdown.slice(0, block.index).split('\n').length + 1;
    for (const definition of parse(source).definitions) {
      if (definition.kind !== 'OperationDefinition' || !definition.loc) continue;
      const above = source.slice(0, definition.loc.start).split('\n');
      const as = [...above].reverse().find((l) => /^# as /.test(l.trim()));
      const line = firstLine + above.length - 1;
      if (!as) throw new Error(`README line ${line}: an example without "# as <role>" above it`);
      examples.push({ as: as.trim().slice('# as '.length), operation: definition, line });
    }
  }
  return examples;
}

/** The curl example's request body, run as it is (its token is an hr token from `pnpm token`). */
function shellQuery(markdown: string): string {
  const body = /-d '(\{"query".*\})'/.exec(markdown)?.[1];
  if (!body) throw new Error('the README lost its curl example');
  return JSON.parse(body).query;
}

const whole = wholePlatform({ COUNTRY: 'NL' });
const ids: Record<string, string> = {};

async function clientAs(who: string) {
  const url = whole.platform.gatewayUrl;
  if (who.startsWith('the employee'))
    return graphqlClient(
      url,
      await mintToken({ sub: 'grace', roles: ['employee'], employeeId: ids.employee }),
    );
  const [role, second] = who.split(',').map((s) => s.trim());
  const sub = second === 'another person' ? `readme-${role}-2` : `readme-${role}`;
  return graphqlClient(url, await mintToken({ sub, roles: [role as Role] }));
}

describe('the README', () => {
  it('has examples that run, in order, as the roles they name', async () => {
    const examples = graphqlExamples(README);
    expect(examples.length).toBeGreaterThan(25);
    const created = await (await clientAs('hr')).query(shellQuery(README));
    expect(created.errors, 'the curl example').toBeUndefined();
    ids.dept = created.data.createDepartment.id;
    for (const { as, operation, line } of examples) {
      const client = await clientAs(as);
      const names = (operation.variableDefinitions ?? []).map((v) => v.variable.name.value);
      const missing = names.filter((n) => !ids[n]);
      expect(missing, `README line ${line}: no earlier example gave ${missing.join(', ')}`).toEqual([]);
      const variables = Object.fromEntries(names.map((n) => [n, ids[n]]));
      const query = print(operation);
      // The onboarding ticket and the indexed document arrive by event: what they depend on is eventual.
      const answer = await eventually(
        () => client.query(query, variables),
        (a) => !a.errors?.length,
        15_000,
      );
      expect(
        answer.errors,
        `README line ${line} (as ${as}): ${query.slice(0, 120)}\n${JSON.stringify(answer.errors)}`,
      ).toBeUndefined();
      for (const [field, name] of Object.entries(ANSWERS)) {
        const id = answer.data?.[field]?.id;
        if (typeof id === 'string') ids[name] = id;
      }
    }
    expect(Object.keys(ids).sort()).toEqual(Object.values(ANSWERS).sort());
  }, 180_000);
});
