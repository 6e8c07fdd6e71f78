import type { DataSource } from 'typeorm';
import { JobLeadership } from '../db/leadership.js';
import type { Logger } from '../logger.js';
import { type ServiceMetrics, gauge } from '../observability/metrics.js';
import type { ScheduledJob } from './definition.js';

/**
 * Published events stay for the retention period so lost ones can be replayed (the sequence
 * counters live in outbox_sequence, so old rows can go).
 */
export function outboxRetention(db: DataSource, retentionDays: number): ScheduledJob {
  return {
    name: 'outbox-retention',
    everyMs: 3_600_000,
    run: async () => {
      await db.query('DELETE FROM outbox WHERE sent_at < now() - make_interval(days => $1)', [retentionDays]);
    },
  };
}

/**
 * Runs each job on its interval, never two runs of one job at once; a failure is logged, not fatal.
 * With `leadership`, a tick runs only in the replica that leads the job, so N replicas do the work
 * once (an `everyReplica` job, a queue each replica claims from, runs everywhere); the jobs stay
 * idempotent all the same (a leader cut off may finish a run its successor repeats).
 */
export function scheduleJobs(
  jobs: ScheduledJob[],
  log: Logger,
  leadership?: Pick<JobLeadership, 'leads'>,
): { stop(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    return setInterval(async () => {
      if (busy || (leadership && !job.everyReplica && !leadership.leads(job.name))) return;
      busy = true;
      const run = job
        .run()
        .catch((e) => log.error({ job: job.name, err: (e as Error).message }, 'scheduled job failed'))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, job.everyMs);
  });
  return {
    // Lets runs under way finish, so a successor does not start one beside them.
    stop: async () => {
      for (const t of timers) clearInterval(t);
      await Promise.all(running);
    },
  };
}

/** The gauge that says which replica runs each job: 1 in the leader, 0 in the others. */
export const JOB_LEADER_METRIC = 'backoffice_job_leader';

/**
 * Schedules the service's jobs in every replica, each run only by the replica that leads it (an
 * advisory lock on a direct connection, see JobLeadership); the leader shows on /metrics.
 */
export function startScheduledJobs(
  jobs: ScheduledJob[],
  options: { connectionString: string; retryMs: number; log: Logger; metrics: ServiceMetrics },
): { leadership: JobLeadership; stop(): Promise<void> } {
  const { log, metrics } = options;
  const leadership = new JobLeadership({ ...options, log });
  const led = jobs.filter((job) => !job.everyReplica);
  leadership.start(led.map((job) => job.name));
  const leader = gauge(
    metrics,
    JOB_LEADER_METRIC,
    'Whether this replica runs the scheduled job (1) or stands by (0)',
    ['job'],
  );
  metrics.onScrape(async () => {
    for (const job of led) leader.set({ job: job.name }, leadership.leads(job.name) ? 1 : 0);
  });
  const schedule = scheduleJobs(jobs, log, leadership);
  return {
    leadership,
    stop: async () => {
      await schedule.stop();
      await leadership.stop();
    },
  };
}
