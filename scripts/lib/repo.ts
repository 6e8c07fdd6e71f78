import { fileURLToPath } from 'node:url';

/** The repository root, wherever the command was launched from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
