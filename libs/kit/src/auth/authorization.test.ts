import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_SDL, applyAuthorization, fieldRule } from './authorization.js';
import { ANONYMOUS, type Identity } from './identity.js';

const schema = applyAuthorization(
  buildSubgraphSchema({
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      ${AUTHORIZATION_SDL}
      type Query { open: String  payroll: String @requiresRole(roles: ["payroll"]) secret: Secret }
      type Secret @key(fields: "id") @requiresRole(roles: ["hr"]) { id: ID! value: String }
    `),
    resolvers: {
      Query: { open: () => 'open', payroll: () => 'paid', secret: () => ({ id: '1', value: 's' }) },
      Secret: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, value: 'via reference' }) },
    } as never,
  }),
);

const as = (roles: string[], userId: string | null = 'u1'): { identity: Identity } => ({
  identity: userId ? { userId, roles: roles as Identity['roles'], employeeId: null } : ANONYMOUS,
});
const run = (query: string, ctx: { identity: Identity }) =>
  graphql({ schema, source: query, contextValue: ctx });

describe('declarative authorization', () => {
  it('needs a caller for every root field, and the declared role where there is one', async () => {
    const anonymous = await run('{ open }', as([], null));
    expect(anonymous.errors?.[0].message).toMatch(/sign in/);
    expect((await run('{ open }', as(['employee']))).data).toEqual({ open: 'open' });
    const wrongRole = await run('{ open payroll }', as(['employee']));
    expect(wrongRole.data).toEqual({ open: 'open', payroll: null });
    expect(wrongRole.errors?.[0].message).toMatch(/payroll/);
    expect((await run('{ payroll }', as(['admin']))).data).toEqual({ payroll: 'paid' });
  });

  it('applies a type rule to its fields and to entity references', async () => {
    expect((await run('{ secret { value } }', as(['employee']))).errors?.[0].message).toMatch(/Secret/);
    expect((await run('{ secret { value } }', as(['hr']))).data).toEqual({ secret: { value: 's' } });
    const query =
      '{ _entities(representations: [{ __typename: "Secret", id: "1" }]) { ... on Secret { id } } }';
    expect((await run(query, as(['employee']))).errors?.[0].message).toMatch(/Secret/);
    expect((await run(query, as(['hr']))).data).toEqual({ _entities: [{ id: '1' }] });
  });

  it('reports each field rule for the security suite', () => {
    expect(fieldRule(schema, 'Query', 'open')).toBe('authenticated');
    expect(fieldRule(schema, 'Query', 'payroll')).toEqual(['payroll']);
    expect(fieldRule(schema, 'Secret', 'value')).toEqual(['hr']);
  });
});
