import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root, wherever the command was launched from and whether it runs from `scripts/`
 * or compiled in `scripts/dist/`: the nearest folder above this file holding the workspace manifest.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(import.meta.dirname);
