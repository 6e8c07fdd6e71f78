import { type ChildProcess, spawn } from 'node:child_process';
import { forEachLine, type LineSink, LogTail } from './output.js';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

/** A child process whose output is prefixed and remembered, and which can be stopped for sure. */
export interface ManagedChild {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number | undefined;
  /** Settles once the process has exited and its output has been read. */
  readonly exited: Promise<ExitInfo>;
  isRunning(): boolean;
  lastLines(): string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  terminate(graceMs: number): Promise<ExitInfo>;
}

export interface SpawnManagedOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where each output line goes; undefined to drop them (they are still kept in the tail). */
  sink?: LineSink;
  tailSize: number;
}

export function spawnManaged({
  name,
  command,
  args,
  cwd,
  env,
  sink,
  tailSize,
}: SpawnManagedOptions): ManagedChild {
  const tail = new LogTail(tailSize);
  // Not detached: the child stays in our process group, so a terminal Ctrl-C reaches it too and
  // nothing outlives the session by accident.
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const onLine = (line: string) => {
    tail.push(line);
    sink?.(name, line);
  };
  if (child.stdout) forEachLine(child.stdout, onLine);
  if (child.stderr) forEachLine(child.stderr, onLine);

  let running = child.pid !== undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    let info: ExitInfo | undefined;
    child.once('error', (error) => {
      // Spawning failed (no such file, no permission): there will be no exit event.
      if (child.pid === undefined) {
        running = false;
        tail.push(`failed to start: ${error.message}`);
        resolve({ code: null, signal: null, error });
      }
    });
    child.once('exit', (code, signal) => {
      running = false;
      info = { code, signal };
      // Output may still be in the pipes; wait for them to close, but not forever (a grandchild
      // could hold them open).
      setTimeout(() => resolve(info as ExitInfo), 500).unref();
    });
    child.once('close', (code, signal) => resolve(info ?? { code, signal }));
  });

  async function terminate(graceMs: number): Promise<ExitInfo> {
    if (!running) return exited;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const first = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (first === 'timeout' && running) {
      tail.push(`did not stop within ${graceMs} ms; killing`);
      child.kill('SIGKILL');
    }
    return exited;
  }

  return {
    name,
    child,
    pid: child.pid,
    exited,
    isRunning: () => running,
    lastLines: () => tail.toArray(),
    terminate,
  };
}

export function describeExit({ code, signal, error }: ExitInfo): string {
  if (error) return `could not start (${error.message})`;
  if (signal) return `was killed by ${signal}`;
  return `exited with code ${code}`;
}
