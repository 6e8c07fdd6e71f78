import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A subgraph's schema is the kit's common header (common.graphql: the federation link, the scalars,
 * @requiresRole, PageInfo) followed by the service's own `*.graphql` files. The subgraph serves it,
 * and composition, schema:check and codegen read it, through these functions only. No imports beyond
 * node's, so tools load it without the rest of the kit (`@backoffice/kit/sdl`).
 */
export const COMMON_SDL_FILE = fileURLToPath(new URL('./common.graphql', import.meta.url));

/** The service's own `*.graphql` files under `schemaDir`, recursively, sorted by path; none when it is missing. */
export function serviceSchemaFiles(schemaDir: string): string[] {
  let entries: string[];
  try {
    if (!fs.statSync(schemaDir).isDirectory()) return [];
    entries = fs.readdirSync(schemaDir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('.graphql'))
    .map((entry) => path.join(schemaDir, entry))
    .sort();
}

/** Every file of the subgraph's schema, the common header first; none when the service has no SDL of its own. */
export function subgraphSchemaFiles(schemaDir: string): string[] {
  const own = serviceSchemaFiles(schemaDir);
  return own.length === 0 ? [] : [COMMON_SDL_FILE, ...own];
}

/** The subgraph's full SDL (header and own files joined); undefined when the service has no SDL of its own. */
export function subgraphSdl(schemaDir: string): string | undefined {
  const files = subgraphSchemaFiles(schemaDir);
  if (files.length === 0) return undefined;
  return files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

/** An SDL written inline (tests' stand-in subgraphs) with the common header before it, as a service's would be. */
export function withCommonSdl(sdl: string): string {
  return `${fs.readFileSync(COMMON_SDL_FILE, 'utf8')}\n${sdl}`;
}
