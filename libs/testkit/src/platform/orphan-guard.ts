/**
 * Preloaded into every child the platform starts (`node --import tsx --import <this> src/main.ts`).
 * Node has no parent-death signal, so when the parent is killed hard (SIGKILL, OOM) its children
 * would keep running and hold their ports. The child notices that it was re-parented and stops
 * itself the same way a Ctrl-C would.
 */
const parentPid = process.ppid;
const GRACE_MS = 10_000;

const timer = setInterval(() => {
  if (process.ppid === parentPid) return;
  clearInterval(timer);
  process.kill(process.pid, 'SIGTERM');
  // If the service ignores SIGTERM or hangs while draining, do not linger forever.
  setTimeout(() => process.exit(1), GRACE_MS).unref();
}, 500);
// The guard alone must never keep a finished process alive.
timer.unref();
