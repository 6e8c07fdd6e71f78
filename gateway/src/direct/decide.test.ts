import { buildOperationContext } from '@apollo/gateway';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { directFetchOf, supergraphFacts } from './decide.js';

const SDL = `type Query { employees(first: Int!, status: Status): [Employee!]! employee(id: ID!): Employee }
enum Status { ACTIVE LEFT }
type Department { name: String! costCenter: String }
type Employee { id: ID! givenName: String! familyName: String status: Status! department: Department }`;
const schema = buildSchema(SDL);
const facts = supergraphFacts(SDL);

/** The decision for a client operation whose plan is one fetch of `fetched` to hr. */
function decide(client: string, fetched: string, fetch: Record<string, unknown> = {}, factsOf = facts) {
  const operationContext = buildOperationContext({ schema, operationDocument: parse(client) });
  const node = { kind: 'Fetch', serviceName: 'hr', operation: fetched, operationKind: 'query', ...fetch };
  return directFetchOf({ kind: 'QueryPlan', node } as never, operationContext, factsOf);
}

describe('directFetchOf', () => {
  it('takes a fetch that asks what the client asked, fragments and repeats collected as graphql-js does', () => {
    const client = `query P($first: Int!) {
      list: employees(status: ACTIVE, first: $first) { id ...N department { name } department { costCenter } }
      one: employee(id: "e1") { ... on Employee { id } givenName givenName }
    }
    fragment N on Employee { givenName familyName }`;
    const fetched = `query P__hr__0($first:Int!){list:employees(first:$first status:ACTIVE){...M familyName department{name costCenter}}one:employee(id:"e1"){id givenName}} fragment M on Employee{id givenName}`;
    expect(decide(client, fetched, { variableUsages: ['first'] })).toEqual({
      serviceName: 'hr',
      operation: fetched,
      operationName: undefined,
      document: undefined,
      variableUsages: ['first'],
    });
  });

  it.each([
    ['fields in another order', '{ employee(id: "e1") { givenName id } }'],
    ['an added __typename', '{ employee(id: "e1") { __typename id givenName } }'],
    ['another alias', '{ e: employee(id: "e1") { id givenName } }'],
    ['another argument', '{ employee(id: "e2") { id givenName } }'],
    ['a field less', '{ employee(id: "e1") { id } }'],
    ['a condition', '{ employee(id: "e1") { id givenName @skip(if: false) } }'],
  ])('refuses a fetch with %s', (_name, fetched) => {
    expect(decide('{ employee(id: "e1") { id givenName } }', fetched)).toBeUndefined();
  });

  it('refuses what the client asks that the gateway itself answers or checks', () => {
    for (const client of [
      '{ employee(id: "e1") { __typename id } }',
      '{ __typename employee(id: "e1") { id } }',
      'query($on: Boolean!) { employee(id: "e1") { id @include(if: $on) } }',
      'query @cached { employee(id: "e1") { id } }',
    ]) {
      expect(decide(client, client), client).toBeUndefined();
    }
  });

  it('refuses plans that are more than one plain query fetch', () => {
    const q = '{ employee(id: "e1") { id } }';
    expect(decide(q, q, { operationKind: 'mutation' })).toBeUndefined();
    expect(decide(q, q, { requires: [{ kind: 'InlineFragment' }] })).toBeUndefined();
    expect(decide(q, q, { outputRewrites: [{ kind: 'KeyRenamer' }] })).toBeUndefined();
    expect(decide(q, q, { hasDefers: true })).toBeUndefined();
    expect(decide(q, q)).toBeDefined();
    const operationContext = buildOperationContext({ schema, operationDocument: parse(q) });
    const sequence = {
      kind: 'Sequence',
      nodes: [{ kind: 'Fetch', serviceName: 'hr', operation: q, operationKind: 'query' }],
    };
    expect(
      directFetchOf({ kind: 'QueryPlan', node: sequence } as never, operationContext, facts),
    ).toBeUndefined();
  });

  it('refuses enums with values the API schema hides and fields a subgraph types differently', () => {
    const q = '{ employee(id: "e1") { id status } }';
    expect(decide(q, q)).toBeDefined();
    const hidden = supergraphFacts(SDL.replace('ACTIVE LEFT', 'ACTIVE LEFT SEALED'));
    expect(decide(q, q, {}, hidden)).toBeUndefined();
    const retyped = supergraphFacts(
      SDL.replace('id: ID! givenName', 'id: ID! @join__field(graph: HR, type: "ID") givenName'),
    );
    expect(decide(q, q, {}, retyped)).toBeUndefined();
  });
});
