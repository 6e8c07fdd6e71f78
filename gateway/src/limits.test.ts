import { buildSchema, type GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation, operationLimitsRule } from './limits.js';

const schema = buildSchema(`
  directive @tag(name: String) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY | FRAGMENT_DEFINITION
  type Employee { id: ID! name: String manager: Employee reports: [Employee!]! }
  type Query { employee(id: ID!): Employee me: Employee }
`);

const limits = { maxQueryDepth: 4, maxAliases: 3, maxDirectives: 5 };

function check(query: string): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, operationLimitsRule(limits)]);
}

function limitErrors(query: string) {
  return check(query).filter((e) => e.extensions.limit);
}

const shape = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  if (operation?.kind !== 'OperationDefinition') throw new Error('no operation');
  return measureOperation(operation, document);
};

describe('operation limits', () => {
  it('measures depth as nested fields, through inline fragments and fragment spreads', () => {
    expect(shape('{ me { id } }').depth).toBe(2);
    expect(shape('{ me { ... on Employee { manager { id } } } }').depth).toBe(3);
    expect(shape('query { me { ...M } } fragment M on Employee { manager { manager { id } } }').depth).toBe(
      4,
    );
  });

  it('accepts an operation at the limits', () => {
    expect(check('{ a: me { b: manager { c: manager { id } } } }')).toEqual([]);
  });

  it('rejects an operation deeper than the limit, naming it', () => {
    const errors = limitErrors('query Deep { me { manager { manager { manager { id } } } } }');
    expect(errors).toHaveLength(1);
    expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_DEPTH' });
    expect(errors[0].message).toMatch(
      /operation "Deep" is 5 levels deep; the limit is 4 \(MAX_QUERY_DEPTH\)/,
    );
  });

  it('follows fragments for depth', () => {
    const query = `{ me { ...A } }
      fragment A on Employee { manager { ...B } }
      fragment B on Employee { manager { manager { id } } }`;
    expect(limitErrors(query).map((e) => e.extensions.limit)).toEqual(['MAX_QUERY_DEPTH']);
  });

  it('counts introspection fields like any other', () => {
    const query = '{ __schema { types { fields { type { ofType { name } } } } } }';
    expect(limitErrors(query).map((e) => e.extensions.limit)).toEqual(['MAX_QUERY_DEPTH']);
  });

  it('rejects too many aliases, counting a fragment once per spread', () => {
    expect(limitErrors('{ a: me { id } b: me { id } c: me { id } }')).toEqual([]);
    const bomb = `{ me { ...F ...F } }
      fragment F on Employee { a: id b: id }`;
    const errors = limitErrors(bomb);
    expect(errors.map((e) => e.extensions.limit)).toEqual(['MAX_ALIASES']);
    expect(errors[0].message).toMatch(/uses 4 aliases; the limit is 3/);
  });

  it('rejects too many directives, including those on the operation and fragments', () => {
    const query = `query Q @tag { me @tag { ...F @tag id @tag } }
      fragment F on Employee @tag { name @tag }`;
    expect(shape(query).directives).toBe(6);
    expect(limitErrors(query).map((e) => e.extensions.limit)).toEqual(['MAX_DIRECTIVES']);
  });

  it('checks each operation of a document separately', () => {
    const query = `query Ok { me { id } }
      query TooDeep { me { manager { manager { manager { manager { id } } } } } }`;
    const errors = limitErrors(query);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/"TooDeep"/);
  });

  it('does not hang on fragment cycles (graphql reports them)', () => {
    const query =
      '{ me { ...A } } fragment A on Employee { manager { ...B } } fragment B on Employee { ...A }';
    const errors = check(query);
    expect(errors.some((e) => /Cannot spread fragment/.test(e.message))).toBe(true);
  });
});
