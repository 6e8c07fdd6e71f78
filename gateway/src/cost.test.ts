import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateCost } from './cost.js';

const schema = buildSchema(`
  type Query { me: Employee employees(first: Int, after: String): EmployeeConnection! departments: [Department!]! }
  type Department { id: ID! name: String! employees: [Employee!]! }
  type Employee { id: ID! givenName: String! tickets: [Ticket!]! }
  type Ticket { id: ID! title: String! }
  type EmployeeConnection { edges: [EmployeeEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type EmployeeEdge { cursor: String! node: Employee! }
  type PageInfo { hasNextPage: Boolean! }
`);

function cost(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return estimateCost(schema, document, operation, variables);
}

describe('estimateCost', () => {
  it('counts each field once per time it may be resolved', () => {
    expect(cost('{ me { id givenName } }')).toBe(3);
    // departments: 1 + 20 x (id + name)
    expect(cost('{ departments { id name } }')).toBe(41);
    // a list inside a list multiplies again
    expect(cost('{ departments { employees { id } } }')).toBe(1 + 20 * (1 + 20 * 1));
  });

  it('multiplies a connection by first (literal or variable) and not again by its edges', () => {
    const query = '{ employees(first: 50) { totalCount edges { node { id } } } }';
    // employees 1 + 50 x (totalCount 1 + edges 1 + node 1 + id 1)
    expect(cost(query)).toBe(1 + 50 * 4);
    expect(cost('query($n: Int) { employees(first: $n) { edges { node { id } } } }', { n: 5 })).toBe(
      1 + 5 * 3,
    );
    expect(cost('{ employees { edges { node { id } } } }')).toBe(1 + 20 * 3);
  });

  it('costs fragments once and scales them, and ignores introspection', () => {
    const query = `{ departments { ...D } } fragment D on Department { employees { ...E } } fragment E on Employee { id tickets { id } }`;
    expect(cost(query)).toBe(1 + 20 * (1 + 20 * (1 + 1 + 20)));
    expect(cost('{ __schema { types { fields { name } } } __typename }')).toBe(0);
    // Ten levels of fragments spread ten times each stay quick to estimate.
    const levels = Array.from(
      { length: 10 },
      (_, i) =>
        `fragment F${i + 1} on Employee { ${Array.from({ length: 10 }, () => `...F${i}`).join(' ')} }`,
    );
    const bomb = `{ me { ...F10 } } fragment F0 on Employee { id } ${levels.join(' ')}`;
    expect(cost(bomb)).toBe(1 + 10 ** 10);
  });
});
