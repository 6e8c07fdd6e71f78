import {
  buildSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  graphqlSync,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { asksForIntrospection, introspectionPlugin, onlyIntrospection } from './introspection.js';

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

const only = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find(
    (d) => d.kind === 'OperationDefinition',
  ) as OperationDefinitionNode;
  return onlyIntrospection(operation.selectionSet, document);
};

describe('onlyIntrospection', () => {
  it('is true for the standard query and for __type, with __typename beside them', () => {
    expect(only(getIntrospectionQuery({ oneOf: true, inputValueDeprecation: true }))).toBe(true);
    expect(only('{ __typename __type(name: "Employee") { name } }')).toBe(true);
    expect(only('{ ...F } fragment F on Query { ... on Query { __schema { queryType { name } } } }')).toBe(
      true,
    );
  });

  it('is false as soon as any root field is not introspection, however it is named or spread', () => {
    expect(only('{ __typename }')).toBe(false);
    expect(only('{ __schema { queryType { name } } me { id } }')).toBe(false);
    expect(only('{ __schema: me { id } }')).toBe(false);
    expect(only('{ __schema { queryType { name } } ... on Query { me { id } } }')).toBe(false);
    expect(only('{ ...F } fragment F on Query { __schema { queryType { name } } me { id } }')).toBe(false);
    expect(only('{ __schema { queryType { name } } ...Missing }')).toBe(false);
  });
});

describe('introspectionPlugin', () => {
  const schema = buildSchema('type Query { me: String } input Pick @oneOf { a: Int b: Int }');

  async function respond(
    source: string,
    mode: 'open' | 'authenticated' = 'open',
    userId: string | null = 'u1',
  ) {
    const document = parse(source);
    const operation = document.definitions.find(
      (d) => d.kind === 'OperationDefinition',
    ) as OperationDefinitionNode;
    const hooks = await introspectionPlugin(mode).requestDidStart?.({} as never);
    const requestContext = {
      schema,
      document,
      operation,
      request: { variables: {} },
      contextValue: { identity: { userId, roles: [], employeeId: null } },
    } as never;
    await hooks?.didResolveOperation?.(requestContext);
    return hooks?.responseForOperation?.(requestContext);
  }

  it('answers an introspection-only operation itself, with the newest fields (isOneOf)', async () => {
    const query = getIntrospectionQuery({ oneOf: true, inputValueDeprecation: true });
    const response = await respond(query);
    expect(response?.body.kind).toBe('single');
    const result = response?.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(result?.errors).toBeUndefined();
    expect(result?.data).toEqual(graphqlSync({ schema, source: query }).data);
    const data = result?.data as unknown as IntrospectionQuery;
    const pick = data.__schema.types.find((t) => t.name === 'Pick');
    expect(pick).toMatchObject({ isOneOf: true });
  });

  it('leaves everything else, and introspection that fails, to the usual path', async () => {
    expect(await respond('{ me }')).toBeNull();
    expect(await respond('{ __schema { queryType { name } } me }')).toBeNull();
    expect(await respond('{ __typename }')).toBeNull();
    // An error (here a missing variable) is formatted by the usual path, not sent raw from here.
    expect(await respond('query($n: String!) { __type(name: $n) { name } }')).toBeNull();
  });

  it('still refuses an anonymous caller first with INTROSPECTION=authenticated', async () => {
    await expect(respond(getIntrospectionQuery(), 'authenticated', null)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await respond('{ __schema { queryType { name } } }', 'authenticated', 'u1')).not.toBeNull();
  });
});
