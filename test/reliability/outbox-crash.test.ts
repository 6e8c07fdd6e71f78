import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { countLedger, scenarioTable, settled } from './support/ledger.js';
import { type OwnNats, startOwnNats } from './support/nats.js';
import { type Rig, sleep, startRig, waitUntil } from './support/rig.js';
import { testEnv, uniqueRunId } from '@backoffice/testkit';

/**
 * The producer side: hr's transactional outbox is the only way an event leaves, so neither a crash
 * between commit and publish nor NATS being away may lose a hire's event. The platform runs on a
 * NATS server of its own here, which these scenarios stop and start.
 */
let nats: OwnNats;
let rig: Rig;
const table = scenarioTable(inject('reliabilityResults'));

beforeAll(async () => {
  // As deployed: a user per service with its permissions (the run's stream named in them).
  const runId = uniqueRunId();
  const runEnv = testEnv(runId);
  nats = await startOwnNats({
    users: { stream: runEnv.EVENTS_STREAM, prefix: runEnv.EVENTS_SUBJECT_PREFIX },
  });
  rig = await startRig({ runId, natsUrl: nats.url, natsLogins: nats.logins, label: 'outbox' });
});

afterAll(async () => {
  table.flush();
  await rig?.cleanup();
  await nats?.dispose();
});

describe('outbox under producer crashes and NATS outages', () => {
  it('1. hr SIGKILLed between commit and publish: a fresh hr process publishes the outbox', async () => {
    await nats.stop();
    const { ids, failures } = await rig.hire(5, 'Crash');
    expect(failures).toEqual([]);
    const stranded = await countLedger(rig.db, ids);
    expect(stranded).toMatchObject({ hires: 5, committed: 5, published: 0, delivered: 0 });

    await rig.kill('hr');
    await nats.start();
    await rig.startService('hr');
    const after = await waitUntil(
      () => countLedger(rig.db, ids),
      (l) => settled(l, 5),
      30_000,
    );
    table.add({
      scenario: '1 hr killed before publish',
      ...after,
      notes: 'NATS down, 5 hires, SIGKILL hr, restart',
    });
    expect(after).toMatchObject({ hires: 5, committed: 5, published: 5, delivered: 5, applied: 5 });
    expect(after.duplicated).toBe(0);
    expect(after.lost).toBe(0);
  }, 90_000);

  it('3. NATS away for 10 s: hires keep succeeding, the backlog drains, consumers catch up', async () => {
    const ids: string[] = [];
    const failures: string[] = [];
    let hiring = true;
    const load = (async () => {
      while (hiring) {
        const r = await rig.hire(2, 'Outage', { concurrency: 2 });
        ids.push(...r.ids);
        failures.push(...r.failures);
        await sleep(100);
      }
    })();
    // Hiring is under way before the outage, and goes on through it: the outage lasts 10 s and at
    // least 10 hires, whichever is longer, so a slow machine still tests what it means to.
    await waitUntil(
      async () => ids.length,
      (n) => n >= 2,
      20_000,
      50,
    );
    await nats.stop();
    const outageStarted = Date.now();
    const hiredBeforeOutage = ids.length;
    await waitUntil(
      async () => ids.length - hiredBeforeOutage,
      (n) => n > 10 && Date.now() - outageStarted >= 10_000,
      60_000,
      100,
    );
    const backlog = await rig.db.hr.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
    );
    const hiredDuringOutage = ids.length - hiredBeforeOutage;
    await nats.start();
    const outage = Date.now() - outageStarted;
    // And it goes on after NATS is back.
    const hiredBeforeRestart = ids.length;
    await waitUntil(
      async () => ids.length,
      (n) => n >= hiredBeforeRestart + 2,
      20_000,
      50,
    );
    hiring = false;
    await load;

    const restarted = Date.now();
    const after = await waitUntil(
      () => countLedger(rig.db, ids),
      (l) => settled(l, ids.length),
      45_000,
    );
    const caughtUpMs = Date.now() - restarted;
    table.add({
      scenario: '3 NATS away 10 s',
      ...after,
      notes: `outage ${(outage / 1000).toFixed(1)} s, backlog ${backlog.rows[0].n}, caught up ${(caughtUpMs / 1000).toFixed(1)} s after`,
    });
    expect(failures).toEqual([]);
    expect(hiredDuringOutage).toBeGreaterThan(10);
    expect(backlog.rows[0].n).toBeGreaterThan(0);
    expect(after.hires).toBe(ids.length);
    expect(settled(after, ids.length)).toBe(true);
    expect(after.duplicated).toBe(0);
    expect(after.lost).toBe(0);
    // Readiness tells operators the backlog is gone.
    const ready = await (await fetch(`http://127.0.0.1:${rig.ports.hr}/ready`)).json();
    expect(ready).toMatchObject({ nats: 'up', outboxPending: 0 });
  }, 90_000);
});
