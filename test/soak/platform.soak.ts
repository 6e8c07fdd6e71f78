import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/repo.js';
import { type OwnNats, startOwnNats } from '../reliability/support/nats.js';
import { startRig } from '../reliability/support/rig.js';
import { testEnv, uniqueRunId } from '@backoffice/testkit';
import { faultSchedule } from './support/faults.js';
import { type SoakRig, soakFlows } from './support/flows.js';
import { checkInvariants, isSettled, type SoakState, soakState } from './support/invariants.js';
import { Recorder, sleep, steady } from './support/load.js';
import { formatReport, operationRows } from './support/report.js';

/**
 * The bounded soak: the five subgraphs and the gateway as processes on a private NATS server and
 * their own databases, the contract's cross-service flows driven through the gateway at a steady
 * rate for SOAK_SECONDS (default 180) while faults are injected one after another. Then the load
 * stops, the system settles, and the effects are counted: nothing lost, nothing applied twice,
 * books balanced, audit trail complete and verifiable. Latency and error rates are printed, not
 * asserted.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** How long a subgraph stays down, and the quiet time between two faults. */
const DOWN_MS = clamp((SECONDS * 1000) / 12, 3_000, 10_000);
const GAP_MS = clamp((SECONDS * 1000) / 15, 2_000, 12_000);
/** Errors this long after a fault ended still count as the fault's (pools reconnect, gateway re-polls). */
const GRACE_MS = 5_000;
const SETTLE_MS = 180_000;

const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');

let nats: OwnNats;
let rig: SoakRig;

beforeAll(async () => {
  // Our own nats-server: the soak kills and hangs it, which the shared one must never see. It runs
  // as deployed: a user per service with its permissions, each process its own signing key (dev keys).
  const runId = uniqueRunId();
  const runEnv = testEnv(runId);
  nats = await startOwnNats({
    users: { stream: runEnv.EVENTS_STREAM, prefix: runEnv.EVENTS_SUBJECT_PREFIX },
  });
  rig = await startRig({
    runId,
    natsLogins: nats.logins,
    natsUrl: nats.url,
    label: 'soak',
    services: ['accounting', 'documents', 'compliance'],
    // Payroll runs of hundreds of people stay one-step approvals (a controller), like the manual entries.
    env: { SECOND_APPROVAL_THRESHOLD: '1000000000' },
  });
});

afterAll(async () => {
  await rig?.cleanup();
  await nats?.dispose();
});

describe('soak', () => {
  it(`${SECONDS} s of cross-service load with faults: nothing lost, nothing twice, books and trail whole`, async () => {
    const loadBefore = loadavg();
    const rec = new Recorder();
    const startedAt = Date.now();
    const until = startedAt + SECONDS * 1000;
    // A business action keeps retrying for 30 s past the end of the load, as a client would.
    const flows = await soakFlows(rig, rec, () => Math.max(until, Date.now()) + 30_000);
    const faults = faultSchedule(rig, nats, { downMs: DOWN_MS, gapMs: GAP_MS });

    await Promise.all([
      steady(500, until, flows.hire),
      steady(500, until, flows.readEmployeePage),
      steady(1_000, until, flows.fileDocument),
      steady(2_000, until, flows.takeLeave),
      steady(2_000, until, flows.invoiceAndSettle),
      steady(4_000, until, flows.postAboveThreshold),
      steady(2_000, until, () => flows.decideApprovals(), 1),
      steady(clamp((SECONDS * 1000) / 8, 5_000, 20_000), until, flows.runPayroll, 1),
      faults.run(until),
    ]);

    // Settle: decisions still waiting are taken, events in flight land.
    const loadEnded = Date.now();
    let state: SoakState | undefined;
    for (;;) {
      try {
        await flows.decideApprovals();
        state = await soakState(rig);
      } catch (e) {
        // The shared Postgres busy ("too many clients"): count again in a moment.
        if (Date.now() - loadEnded > SETTLE_MS) throw e;
      }
      if ((state && isSettled(state)) || Date.now() - loadEnded > SETTLE_MS) break;
      await sleep(1_000);
    }
    if (!state) throw new Error('could not count the effects');
    const settleMs = Date.now() - loadEnded;
    const checks = await checkInvariants(rig, flows, state);

    const report = {
      seconds: SECONDS,
      operations: operationRows(rec, faults.windows, GRACE_MS),
      windows: faults.windows,
      startedAt,
      effects: state.effects,
      checks,
      settleMs,
      abandoned: rec.abandoned,
      notes: [
        ...state.notes,
        ...faults.restarts.map((r) => `restart retried: ${r}`),
        // The machine is shared: absolute latencies mean little without this.
        `load average (1/5/15 min) before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadavg())}`,
      ],
    };
    console.log(`\n${formatReport(report)}\n`);
    const out = path.join(REPO_ROOT, 'bench', 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'soak.json'),
      JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2),
    );

    for (const e of state.effects) {
      expect(e.lost, `${e.flow}: lost`).toBe(0);
      expect(e.duplicated, `${e.flow}: duplicated`).toBe(0);
    }
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    // A soak that did nothing proves nothing.
    expect(faults.windows.length).toBeGreaterThan(0);
    expect(state.hires.hires).toBeGreaterThan(0);
  });
});
