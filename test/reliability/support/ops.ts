import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { REPO_ROOT } from '../../../scripts/lib/repo.js';

const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx');

/** Runs `scripts/ops/<script>` as an operator would, with `env` on top of ours. */
export function runOps(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, `scripts/ops/${script}`, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
