import {
  buildSchema,
  type GraphQLError,
  getIntrospectionQuery,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_INTROSPECTION_DEPTH, measureOperation, operationLimitsRule } from './limits.js';

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

  describe('introspection', () => {
    /** The gateway's own limit (12), as production runs it. */
    const production = (query: string) =>
      validate(schema, parse(query), [
        ...specifiedRules,
        operationLimitsRule({ maxQueryDepth: 12, maxAliases: 30, maxDirectives: 50 }),
      ]);
    const everyOption = {
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    };

    it('lets the standard introspection query (15 levels) through a depth limit of 12, with every option', () => {
      for (const options of [{}, everyOption, { inputValueDeprecation: true }, { specifiedByUrl: true }]) {
        const query = getIntrospectionQuery(options);
        expect(shape(query)).toMatchObject({ depth: 0, introspectionDepth: 15 });
        expect(production(query)).toEqual([]);
      }
      expect(production('query { __type(name: "Employee") { name fields { name } } }')).toEqual([]);
    });

    it('sets apart only __schema and __type, by field name: a deep domain field beside them still counts', () => {
      const deep = `me { ${'manager { '.repeat(12)}id${' }'.repeat(12)} }`;
      const hidden = [
        // beside a full introspection query
        getIntrospectionQuery().replace('__schema {', `${deep} __schema {`),
        // aliased to look like introspection
        `{ __schema { queryType { name } } __type: ${deep} }`,
        `{ __schema: ${deep} }`,
        // through a root fragment, inline or spread
        `{ __schema { queryType { name } } ... on Query { ${deep} } }`,
        `{ ...Intro } fragment Intro on Query { __schema { queryType { name } } ${deep} }`,
      ];
      for (const query of hidden) {
        const errors = production(query).filter((e) => e.extensions.limit);
        expect(
          errors.map((e) => e.extensions.limit),
          query.slice(0, 80),
        ).toEqual(['MAX_QUERY_DEPTH']);
        expect(shape(query).depth).toBe(14);
      }
    });

    it('measures an introspection subtree against its own limit', () => {
      const ofTypes = (n: number) =>
        `{ __type(name: "Employee") { ${'ofType { '.repeat(n)}name${' }'.repeat(n)} } }`;
      expect(shape(ofTypes(MAX_INTROSPECTION_DEPTH - 2)).introspectionDepth).toBe(MAX_INTROSPECTION_DEPTH);
      expect(production(ofTypes(MAX_INTROSPECTION_DEPTH - 2))).toEqual([]);
      const errors = production(ofTypes(MAX_INTROSPECTION_DEPTH - 1));
      expect(errors.map((e) => [e.extensions.code, e.extensions.limit])).toEqual([
        ['BAD_USER_INPUT', 'MAX_INTROSPECTION_DEPTH'],
      ]);
    });

    it('leaves the cyclic lists (fields { type { fields ...) to graphql MaxIntrospectionDepthRule', () => {
      const cyclic = '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }';
      expect(production(cyclic).map((e) => e.message)).toContain('Maximum introspection depth exceeded');
    });

    it('still counts aliases and directives inside introspection', () => {
      const aliased = `{ ${Array.from({ length: 4 }, (_, i) => `a${i}: __schema { queryType { name } }`).join(' ')} }`;
      expect(limitErrors(aliased).map((e) => e.extensions.limit)).toEqual(['MAX_ALIASES']);
      const directed = `{ __schema @tag { types @tag { name @tag @tag @tag @tag } } }`;
      expect(limitErrors(directed).map((e) => e.extensions.limit)).toEqual(['MAX_DIRECTIVES']);
    });

    it('does not hang on root fragment cycles or blow up on repeated root spreads', () => {
      const cycle =
        '{ ...A } fragment A on Query { __schema { queryType { name } } ...B } fragment B on Query { ...A }';
      expect(check(cycle).some((e) => /Cannot spread fragment/.test(e.message))).toBe(true);
      const spreads = (name: string, next: string) =>
        `fragment ${name} on Query { ${Array.from({ length: 10 }, () => `...${next}`).join(' ')} }`;
      const levels = ['F0', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7'];
      const bomb = `{ ...F0 } ${levels
        .slice(0, -1)
        .map((name, i) => spreads(name, levels[i + 1]))
        .join(' ')} fragment F7 on Query { __schema { queryType { name } } me { id } }`;
      const started = performance.now();
      expect(shape(bomb)).toMatchObject({ depth: 2, introspectionDepth: 3 });
      expect(performance.now() - started).toBeLessThan(500);
    });
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
