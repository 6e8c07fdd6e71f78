import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildASTSchema, type DefinitionNode, type GraphQLSchema, Kind, parse } from 'graphql';
import { subgraphSdl } from '@backoffice/kit/sdl';
import { composeSupergraph } from '../gateway/src/compose.js';

/**
 * Schema governance, run in CI before a release (`pnpm schema:check`):
 * 1. the subgraphs compose into a supergraph, and gateway/schema/supergraph.graphql is that supergraph
 *    (someone forgot `pnpm compose` otherwise);
 * 2. each subgraph's schema (the kit's header and its SDL files) against the last released one in
 *    gateway/schema/released/<service>.graphql: a breaking change fails unless
 *    gateway/schema/accepted-changes.json lists it with a reason. `--release` records the current
 *    schemas as released (after the deploy).
 */

/** The generated schema files under the repository root `root` (gateway/schema/README.md). */
const schemaPath = (root: string, ...parts: string[]) => join(root, 'gateway', 'schema', ...parts);

export const SERVICES = ['hr', 'accounting', 'documents', 'compliance', 'it'] as const;

export interface AcceptedChange {
  service: string;
  /** The change's path, e.g. `Employee.salary` or `Query.employees.first`. */
  path: string;
  /** The change type, e.g. `FIELD_REMOVED`; any type at the path when omitted. */
  type?: string;
  /** Why breaking the clients is acceptable (every client checked, the field was never used, ...). */
  reason: string;
}

export interface ServiceReport {
  service: string;
  status: 'unchanged' | 'compatible' | 'breaking' | 'new' | 'removed';
  breaking: Change[];
  accepted: Change[];
  dangerous: Change[];
  safe: Change[];
}

/** A service's SDL as the subgraph serves it and the gateway composes it (the kit's subgraphSdl). */
export function currentSdl(root: string, service: string): string | undefined {
  return subgraphSdl(join(root, 'services', service, 'src'));
}

/**
 * A GraphQLSchema from subgraph SDL for comparison: federation directives are left undeclared (the
 * SDL is not validated), and `extend type Query` without a `type Query` becomes the definition.
 */
export function subgraphSchema(sdl: string): GraphQLSchema {
  const doc = parse(sdl);
  const defined = new Set<string>();
  for (const d of doc.definitions)
    if ('name' in d && d.name && !d.kind.endsWith('Extension')) defined.add(d.name.value);
  const asDefinition: Partial<Record<Kind, Kind>> = {
    [Kind.OBJECT_TYPE_EXTENSION]: Kind.OBJECT_TYPE_DEFINITION,
    [Kind.INTERFACE_TYPE_EXTENSION]: Kind.INTERFACE_TYPE_DEFINITION,
    [Kind.INPUT_OBJECT_TYPE_EXTENSION]: Kind.INPUT_OBJECT_TYPE_DEFINITION,
    [Kind.ENUM_TYPE_EXTENSION]: Kind.ENUM_TYPE_DEFINITION,
    [Kind.UNION_TYPE_EXTENSION]: Kind.UNION_TYPE_DEFINITION,
    [Kind.SCALAR_TYPE_EXTENSION]: Kind.SCALAR_TYPE_DEFINITION,
  };
  const definitions = doc.definitions.map((d): DefinitionNode => {
    const kind = asDefinition[d.kind];
    if (!kind || !('name' in d) || !d.name || defined.has(d.name.value)) return d;
    defined.add(d.name.value);
    return { ...d, kind } as unknown as DefinitionNode;
  });
  return buildASTSchema({ ...doc, definitions }, { assumeValidSDL: true });
}

export function readAccepted(root: string): AcceptedChange[] {
  const file = schemaPath(root, 'accepted-changes.json');
  if (!existsSync(file)) return [];
  const list = JSON.parse(readFileSync(file, 'utf8')) as AcceptedChange[];
  for (const a of list) {
    if (!a.service || !a.path || !a.reason?.trim())
      throw new Error(
        `gateway/schema/accepted-changes.json: every entry needs service, path and a reason (${JSON.stringify(a)})`,
      );
  }
  return list;
}

export async function compareService(
  service: string,
  released: string | undefined,
  current: string | undefined,
  accepted: AcceptedChange[],
): Promise<ServiceReport> {
  const empty = { breaking: [], accepted: [], dangerous: [], safe: [] };
  if (released === undefined)
    return { service, status: current === undefined ? 'unchanged' : 'new', ...empty };
  if (current === undefined) return { service, status: 'removed', ...empty };
  const changes = await diff(subgraphSchema(released), subgraphSchema(current));
  const isAccepted = (c: Change) =>
    accepted.some((a) => a.service === service && a.path === c.path && (!a.type || a.type === c.type));
  const breakingAll = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  const report: ServiceReport = {
    service,
    status: 'unchanged',
    breaking: breakingAll.filter((c) => !isAccepted(c)),
    accepted: breakingAll.filter(isAccepted),
    dangerous: changes.filter((c) => c.criticality.level === CriticalityLevel.Dangerous),
    safe: changes.filter((c) => c.criticality.level === CriticalityLevel.NonBreaking),
  };
  report.status = report.breaking.length > 0 ? 'breaking' : changes.length > 0 ? 'compatible' : 'unchanged';
  return report;
}

/** Whether gateway/schema/supergraph.graphql is what the SDL files compose to (with the default URLs `pnpm compose` writes). */
export function supergraphIsFresh(root: string): { fresh: boolean; path: string } {
  const path = schemaPath(root, 'supergraph.graphql');
  const composed = composeSupergraph(root, {}).supergraphSdl;
  const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return { fresh: committed.trim() === composed.trim(), path };
}

const releasedPath = (root: string, service: string) => schemaPath(root, 'released', `${service}.graphql`);
const HEADER = (service: string) =>
  `# The released schema of the ${service} subgraph: written by \`pnpm schema:check --release\`, never by hand.\n`;

export function release(root: string): string[] {
  mkdirSync(schemaPath(root, 'released'), { recursive: true });
  const written: string[] = [];
  for (const service of SERVICES) {
    const sdl = currentSdl(root, service);
    if (sdl === undefined) continue;
    writeFileSync(releasedPath(root, service), HEADER(service) + sdl);
    written.push(service);
  }
  return written;
}

export async function checkAll(root: string): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  try {
    const { fresh } = supergraphIsFresh(root);
    if (!fresh) {
      ok = false;
      lines.push(
        'FAIL gateway/schema/supergraph.graphql is not what the SDL files compose to: run `pnpm compose` and commit it',
      );
    } else lines.push('ok   supergraph composes and gateway/schema/supergraph.graphql is up to date');
  } catch (e) {
    ok = false;
    lines.push(`FAIL the subgraphs do not compose:\n${(e as Error).message}`);
  }
  const accepted = readAccepted(root);
  for (const service of SERVICES) {
    const file = releasedPath(root, service);
    const released = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const r = await compareService(service, released, currentSdl(root, service), accepted);
    if (r.status === 'breaking') {
      ok = false;
      lines.push(
        `FAIL ${service}: ${r.breaking.length} breaking change(s) against gateway/schema/released/${service}.graphql`,
      );
      for (const c of r.breaking) lines.push(`       ${c.type} ${c.path ?? ''}: ${c.message}`);
      lines.push(
        '     Expand/contract instead (add the new, deprecate the old, remove after clients moved), or list the change',
        `     in gateway/schema/accepted-changes.json: { "service": "${service}", "path": "...", "type": "...", "reason": "..." }`,
      );
    } else if (r.status === 'removed') {
      ok = false;
      lines.push(`FAIL ${service}: released, but no SDL under services/${service}/src`);
    } else {
      const extra = [
        r.accepted.length ? `${r.accepted.length} accepted breaking` : '',
        r.dangerous.length ? `${r.dangerous.length} dangerous` : '',
        r.safe.length ? `${r.safe.length} safe` : '',
      ].filter(Boolean);
      lines.push(`ok   ${service}: ${r.status}${extra.length ? ` (${extra.join(', ')})` : ''}`);
      for (const c of r.dangerous) lines.push(`       dangerous: ${c.message}`);
    }
  }
  return { ok, lines };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rootArg = args.indexOf('--root');
  const root = resolve(rootArg >= 0 ? args[rootArg + 1] : join(import.meta.dirname, '..'));
  if (args.includes('--release')) {
    const written = release(root);
    process.stdout.write(`released ${written.join(', ')} into gateway/schema/released/\n`);
    return;
  }
  const { ok, lines } = await checkAll(root);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!ok) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
