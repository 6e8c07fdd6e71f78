import fs from 'node:fs';
import type { RunningSubgraph } from '@backoffice/kit';

type Database = RunningSubgraph<unknown>['deps']['db'];

/**
 * The CPU time (ms) the Postgres server the bench talks to has used so far, all its processes: the
 * postmaster's own and its reaped children's, plus every live child's (backends, WAL writer,
 * checkpointer, autovacuum). Read from /proc, so only for a server on this machine; null otherwise.
 * Differences around a run, divided by what it did, are a CPU cost per operation that holds under load.
 */
export async function postgresCpuClock(db: Database): Promise<(() => number) | null> {
  const [{ pid }] = await db.query('SELECT pg_backend_pid() AS pid');
  const fields = (p: number | string) => fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
  let postmaster: number;
  try {
    if (!fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes('(postgres)')) return null;
    postmaster = Number(fields(pid)[1]);
  } catch {
    return null;
  }
  const tickMs = 1000 / 100; // USER_HZ
  return () => {
    let ticks = 0;
    for (const d of fs.readdirSync('/proc')) {
      if (d.charCodeAt(0) > 57) continue;
      try {
        const f = fields(d);
        // utime, stime (and for the postmaster cutime, cstime: the children that have exited).
        if (Number(d) === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
        else if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // The process ended between the listing and the read.
      }
    }
    return ticks * tickMs;
  };
}
