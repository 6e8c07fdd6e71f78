import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph } from '../../src/compose.js';

/**
 * Composes the subgraphs' own SDL (name → SDL, the kit's common header added as in the repository)
 * from files laid out like the repository's, in a directory of its own; `remove()` deletes it.
 */
export function composeTestSupergraph(sdls: Record<string, string>): {
  supergraphPath: string;
  supergraphSdl: string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  for (const [name, sdl] of Object.entries(sdls)) {
    mkdirSync(join(dir, 'services', name, 'src'), { recursive: true });
    writeFileSync(join(dir, 'services', name, 'src', 'schema.graphql'), sdl);
  }
  const { supergraphSdl } = composeSupergraph(dir, {});
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphSdl);
  return { supergraphPath, supergraphSdl, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
