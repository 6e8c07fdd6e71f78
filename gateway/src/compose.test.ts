import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceSchemaFiles } from '@backoffice/kit/sdl';
import { CompositionError, composeSupergraph } from './compose.js';

let root: string;

function write(path: string, text: string): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'compose-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('composeSupergraph', () => {
  it('composes every service SDL found under services/<name>/src, recursively and in path order, after the kit header', () => {
    write('services/hr/src/a.graphql', `type Query { employee(id: ID!): Employee }`);
    // A nested file extends a type declared in the first one: only works if both are concatenated.
    write(
      'services/hr/src/employees/b.graphql',
      'type Employee @key(fields: "id") { id: ID! givenName: String! }',
    );
    write('services/hr/src/notes.txt', 'not SDL');
    write(
      'services/it/src/schema.graphql',
      `type Employee @key(fields: "id") { id: ID! tickets: [String!]! }`,
    );

    const composed = composeSupergraph(root, { HR_URL: 'http://hr.test/graphql' });

    expect(composed.subgraphs).toEqual(['hr', 'it']);
    expect(composed.supergraphSdl).toContain('join__Graph');
    expect(composed.supergraphSdl).toContain('url: "http://hr.test/graphql"');
    expect(composed.supergraphSdl).toContain('url: "http://127.0.0.1:4005/graphql"');
    expect(composed.supergraphSdl).toMatch(/tickets: \[String!\]! @join__field\(graph: IT\)/);
    // The kit's header (scalars, PageInfo) is part of every subgraph without being written there.
    expect(composed.supergraphSdl).toMatch(
      /type PageInfo\s+@join__type\(graph: HR\)\s+@join__type\(graph: IT\)/,
    );
    expect(composed.supergraphSdl).toContain('scalar Decimal');
  });

  it('lists every composition error', () => {
    write(
      'services/hr/src/schema.graphql',
      `type Query { a: Int }\ntype Employee @key(fields: "nope") { id: ID! }`,
    );
    write(
      'services/it/src/schema.graphql',
      `type Query { b: Int }\ntype Ticket @key(fields: "missing") { id: ID! }`,
    );

    const error = catchError(() => composeSupergraph(root, {}));
    expect(error).toBeInstanceOf(CompositionError);
    const problems = (error as CompositionError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^KEY_INVALID_FIELDS: \[hr\].*"nope"/);
    expect(problems[1]).toMatch(/^KEY_INVALID_FIELDS: \[it\].*"missing"/);
    expect((error as Error).message).toContain('supergraph composition failed');
  });

  it('reports conflicts between subgraphs', () => {
    write('services/hr/src/schema.graphql', `type Query { count: Int }`);
    write('services/it/src/schema.graphql', `type Query { count: String }`);
    const error = catchError(() => composeSupergraph(root, {}));
    expect((error as CompositionError).problems.join('\n')).toMatch(/Query\.count/);
  });

  it('names the service whose SDL does not parse', () => {
    write('services/hr/src/schema.graphql', 'type Query {');
    expect(() => composeSupergraph(root, {})).toThrow(/hr: SDL does not parse/);
  });

  it('refuses a tree without any SDL', () => {
    expect(() => composeSupergraph(root, {})).toThrow(/no \*\.graphql files/);
  });

  it('finds nothing in a missing directory', () => {
    expect(serviceSchemaFiles(join(root, 'missing'))).toEqual([]);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
