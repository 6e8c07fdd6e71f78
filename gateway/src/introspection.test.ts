import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asksForIntrospection } from './introspection.js';

const asks = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return asksForIntrospection(operation.selectionSet, document);
};

describe('asksForIntrospection', () => {
  it('sees __schema and __type, also through fragments, and lets __typename pass', () => {
    expect(asks('{ __schema { types { name } } }')).toBe(true);
    expect(asks('{ __type(name: "Employee") { name } }')).toBe(true);
    expect(asks('{ ...F } fragment F on Query { ... on Query { __schema { queryType { name } } } }')).toBe(
      true,
    );
    expect(asks('{ __typename departments { id } }')).toBe(false);
    expect(asks('{ ...F } fragment F on Query { ...F __typename }')).toBe(false);
  });
});
