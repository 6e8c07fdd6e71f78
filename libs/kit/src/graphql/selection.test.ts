import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from './selection.js';

/** The info graphql-js gives the resolver of the query's first root field. */
function infoOf(query: string): GraphQLResolveInfo {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const field = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [field], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectedFields', () => {
  it('names the fields selected at a path, through fragments and under @include', () => {
    const info = infoOf(`
      query Page($all: Boolean!) {
        employees(first: 20) {
          totalCount
          edges { cursor node { id givenName ...More ... on Employee { email } } }
          edges { node { status @include(if: $all) } }
        }
      }
      fragment More on Employee { familyName department { name } }`);
    expect([...selectedFields(info, ['edges', 'node'])].sort()).toEqual([
      'department',
      'email',
      'familyName',
      'givenName',
      'id',
      'status',
    ]);
    expect([...selectedFields(info, [])].sort()).toEqual(['edges', 'totalCount']);
    expect([...selectedFields(info, ['pageInfo'])]).toEqual([]);
  });

  it('answers a repeated query (the same parsed document) from what it worked out before', () => {
    const info = infoOf('{ employees { edges { node { id } } } }');
    expect(selectedFields(info, ['edges', 'node'])).toBe(selectedFields(info, ['edges', 'node']));
    expect(
      selectedFields(infoOf('{ employees { edges { node { id email } } } }'), ['edges', 'node']).has('email'),
    ).toBe(true);
  });
});
