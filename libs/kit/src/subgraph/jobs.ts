import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
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

/** Runs each job on its interval, never two runs of one job at once; a failure is logged, not fatal. */
export function scheduleJobs(jobs: ScheduledJob[], log: Logger): { stop(): void } {
  const timers = jobs.map((job) => {
    let busy = false;
    return setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        await job.run();
      } catch (e) {
        log.error({ job: job.name, err: (e as Error).message }, 'scheduled job failed');
      } finally {
        busy = false;
      }
    }, job.everyMs);
  });
  return {
    stop: () => {
      for (const t of timers) clearInterval(t);
    },
  };
}
