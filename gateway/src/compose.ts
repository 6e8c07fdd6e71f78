import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeServices } from '@apollo/composition';
import { SERVICE_NAMES, serviceUrl } from '@backoffice/kit';
import { serviceSchemaFiles, subgraphSdl } from '@backoffice/kit/sdl';
import { parse } from 'graphql';
import { DEFAULT_SUPERGRAPH_PATH, GATEWAY_DIR } from './config.js';

export interface ComposedSupergraph {
  supergraphSdl: string;
  /** The services that contributed SDL, in SERVICE_NAMES order. */
  subgraphs: string[];
  /** Composition hints (not errors), one line each. */
  hints: string[];
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Reads each service's SDL under `root` (the kit's common header and `services/<name>/src/**\/*.graphql`,
 * as the subgraph serves it) and composes them into a supergraph. A service without any SDL file is left out; a composition error throws
 * CompositionError naming every problem.
 */
export function composeSupergraph(root: string, env: NodeJS.ProcessEnv = process.env): ComposedSupergraph {
  const problems: string[] = [];
  const services: { name: string; url: string; typeDefs: ReturnType<typeof parse> }[] = [];
  for (const name of SERVICE_NAMES) {
    const dir = join(root, 'services', name, 'src');
    const sdl = subgraphSdl(dir);
    if (sdl === undefined) continue;
    try {
      // With replicas listed (`HR_URL=a,b`), the supergraph records the first; the gateway reads them all.
      services.push({ name, url: serviceUrl(name, env).split(',')[0], typeDefs: parse(sdl) });
    } catch (error) {
      const list = serviceSchemaFiles(dir)
        .map((f) => relative(root, f))
        .join(', ');
      problems.push(`${name}: SDL does not parse (${list}): ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new CompositionError(problems);
  if (services.length === 0)
    throw new CompositionError([`no *.graphql files under ${join(root, 'services/*/src')}`]);

  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(result.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`));
  }
  return {
    supergraphSdl: result.supergraphSdl,
    subgraphs: services.map((s) => s.name),
    hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`),
  };
}

function main(): void {
  const root = resolve(GATEWAY_DIR, '..');
  try {
    const composed = composeSupergraph(root);
    writeFileSync(DEFAULT_SUPERGRAPH_PATH, composed.supergraphSdl);
    for (const hint of composed.hints) process.stderr.write(`hint: ${hint}\n`);
    process.stdout.write(
      `composed ${composed.subgraphs.join(', ')} into ${relative(process.cwd(), DEFAULT_SUPERGRAPH_PATH)}\n`,
    );
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
