import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../gateway/src/compose.js';
import { checkAll, compareService, release, supergraphIsFresh } from './schema-check.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const V1 = `type Query { employee(id: ID!): Employee }
type Employee @key(fields: "id") { id: ID! givenName: String! nickname: String }
enum WorkLocation { OFFICE REMOTE }`;

let root: string;
const write = (sdl: string) => writeFileSync(join(root, 'services', 'hr', 'src', 'schema.graphql'), sdl);
const compose = () =>
  writeFileSync(
    join(root, 'gateway', 'schema', 'supergraph.graphql'),
    composeSupergraph(root, {}).supergraphSdl,
  );

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'schema-check-'));
  mkdirSync(join(root, 'services', 'hr', 'src'), { recursive: true });
  mkdirSync(join(root, 'gateway', 'schema'), { recursive: true });
  write(V1);
  compose();
  release(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('schema:check', () => {
  it('passes a compatible change (a new field, a new optional argument) and lists it', async () => {
    write(
      V1.replace('nickname: String }', 'nickname: String email: String }').replace(
        'employee(id: ID!)',
        'employee(id: ID!, asOf: String)',
      ),
    );
    compose();
    const r = await checkAll(root);
    expect(r.ok).toBe(true);
    // A new argument is compatible but `dangerous` (a client may rely on the default behaviour).
    expect(r.lines).toContain('ok   hr: compatible (1 dangerous, 1 safe)');
  });

  it('fails a breaking change (a removed field, a removed enum value) and names each', async () => {
    write(V1.replace(' nickname: String', '').replace('OFFICE REMOTE', 'OFFICE'));
    compose();
    const r = await checkAll(root);
    expect(r.ok).toBe(false);
    const text = r.lines.join('\n');
    expect(text).toContain('FAIL hr: 2 breaking change(s)');
    expect(text).toContain('FIELD_REMOVED Employee.nickname');
    expect(text).toContain('ENUM_VALUE_REMOVED WorkLocation.REMOTE');
  });

  it('lets a breaking change through when accepted-changes.json lists it with a reason', async () => {
    write(V1.replace(' nickname: String', ''));
    compose();
    writeFileSync(
      join(root, 'gateway', 'schema', 'accepted-changes.json'),
      JSON.stringify([
        { service: 'hr', path: 'Employee.nickname', type: 'FIELD_REMOVED', reason: 'never used by a client' },
      ]),
    );
    const r = await checkAll(root);
    expect(r.ok).toBe(true);
    expect(r.lines).toContain('ok   hr: compatible (1 accepted breaking)');
    // Without a reason the list is refused.
    writeFileSync(
      join(root, 'gateway', 'schema', 'accepted-changes.json'),
      JSON.stringify([{ service: 'hr', path: 'Employee.nickname' }]),
    );
    await expect(checkAll(root)).rejects.toThrow(/reason/);
  });

  it('fails when gateway/schema/supergraph.graphql was not recomposed after an SDL change', async () => {
    write(V1.replace('nickname: String }', 'nickname: String email: String }'));
    expect(supergraphIsFresh(root).fresh).toBe(false);
    const r = await checkAll(root);
    expect(r.ok).toBe(false);
    expect(r.lines[0]).toContain('run `pnpm compose`');
  });

  it('--release records the current schema, after which the same change is no longer reported', async () => {
    write(V1.replace(' nickname: String', ''));
    compose();
    release(root);
    expect(readFileSync(join(root, 'gateway', 'schema', 'released', 'hr.graphql'), 'utf8')).not.toContain(
      'nickname',
    );
    expect((await checkAll(root)).lines).toContain('ok   hr: unchanged');
  });

  it('reads `extend type Query` without a base type as the definition (as every subgraph writes it)', async () => {
    const base = `${LINK}\ntype Query { a: Int }`;
    const ext = `${LINK}\nextend type Query { a: Int b: Int }`;
    const r = await compareService('hr', ext, `${LINK}\nextend type Query { a: Int }`, []);
    expect(r.breaking.map((c) => c.path)).toEqual(['Query.b']);
    expect((await compareService('hr', base, ext, [])).status).toBe('compatible');
  });
});
