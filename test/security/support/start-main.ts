import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../../scripts/lib/repo.js';

const TSX = import.meta.resolve('tsx');

/**
 * Starts `main` with only `env` (plus PATH): no BACKOFFICE_DEV from the test runner leaks in. The
 * outcome is what the process says, never how long it took: it refused (exited) or it started (logged
 * that it is ready, and is then stopped). On a loaded machine starting TypeScript can take long, so
 * a slow refusal is still a refusal; the deadline is only a safety net for a process that does neither.
 */
export function startMain(
  main: string,
  env: Record<string, string>,
): Promise<{ code: number | null; started: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, main], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    });
    let output = '';
    let started = false;
    const read = (chunk: Buffer) => {
      output += chunk;
      if (!started && READY.test(output)) {
        started = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    const timer = setTimeout(() => {
      output += '\n[test] neither refused nor ready within 100 s';
      child.kill('SIGKILL');
    }, 100_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, started, output });
    });
  });
}

/** What a subgraph and the gateway log once they serve requests. */
const READY = /subgraph ready|gateway listening/;
