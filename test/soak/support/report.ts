import { textTable } from '../../reliability/support/ledger.js';
import { duringFault, type FaultWindow } from './faults.js';
import type { Check, EffectRow } from './invariants.js';
import { quantile, type Recorder } from './load.js';

/**
 * The soak's printout: latency and errors per operation (errors split by whether the request
 * overlapped a fault window), the faults as injected, the effects counted, the invariants.
 * Latency is reported, never asserted: the machine is shared.
 */

export interface OperationRow {
  op: string;
  requests: number;
  p50: number;
  p99: number;
  faultErrors: number;
  otherErrors: number;
  otherCodes: string;
}

export function operationRows(rec: Recorder, windows: FaultWindow[], graceMs: number): OperationRow[] {
  const ops = [...new Set(rec.samples.map((s) => s.op))].sort();
  return ops.map((op) => {
    const samples = rec.samples.filter((s) => s.op === op);
    const errors = samples.filter((s) => s.error);
    const other = errors.filter((s) => !duringFault(windows, s.startedAt, s.endedAt, graceMs));
    // Per code: how many, and the first message (which says whether it is an outage or a defect).
    const codes = new Map<string, { n: number; message: string }>();
    for (const s of other) {
      const seen = codes.get(s.error as string);
      if (seen) seen.n++;
      else codes.set(s.error as string, { n: 1, message: (s.message ?? '').slice(0, 90) });
    }
    return {
      op,
      requests: samples.length,
      p50: quantile(
        samples.map((s) => s.endedAt - s.startedAt),
        0.5,
      ),
      p99: quantile(
        samples.map((s) => s.endedAt - s.startedAt),
        0.99,
      ),
      faultErrors: errors.length - other.length,
      otherErrors: other.length,
      otherCodes: [...codes].map(([c, { n, message }]) => `${c} x${n} (${message})`).join('; '),
    };
  });
}

export function formatReport(input: {
  seconds: number;
  operations: OperationRow[];
  windows: FaultWindow[];
  startedAt: number;
  effects: EffectRow[];
  checks: Check[];
  settleMs: number;
  abandoned: Recorder['abandoned'];
  notes: string[];
}): string {
  const { operations: ops } = input;
  const total = ops.reduce((s, o) => s + o.requests, 0);
  const faultErrors = ops.reduce((s, o) => s + o.faultErrors, 0);
  const otherErrors = ops.reduce((s, o) => s + o.otherErrors, 0);
  const pct = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(2)} %`;
  const latency = textTable(
    ['operation', 'requests', 'p50 ms', 'p99 ms', 'errors in fault windows', 'other errors', 'codes'],
    [
      ...ops.map((o) => [
        o.op,
        String(o.requests),
        String(o.p50),
        String(o.p99),
        String(o.faultErrors),
        String(o.otherErrors),
        o.otherCodes,
      ]),
      [
        'all',
        String(total),
        '',
        '',
        `${faultErrors} (${pct(faultErrors)})`,
        `${otherErrors} (${pct(otherErrors)})`,
        '',
      ],
    ],
  );
  const faults = textTable(
    ['fault', 'at s', 'lasted s', 'target'],
    input.windows.map((w) => [
      w.kind,
      ((w.start - input.startedAt) / 1000).toFixed(1),
      ((w.end - w.start) / 1000).toFixed(1),
      w.target,
    ]),
  );
  const effects = textTable(
    ['flow', 'source', 'published', 'applied', 'duplicated', 'lost'],
    input.effects.map((e) => [
      e.flow,
      String(e.source),
      e.published === undefined ? '-' : String(e.published),
      String(e.applied),
      String(e.duplicated),
      String(e.lost),
    ]),
  );
  const checks = textTable(
    ['invariant', 'holds', 'detail'],
    input.checks.map((c) => [c.invariant, c.ok ? 'yes' : 'NO', c.detail]),
  );
  const abandoned = new Map<string, number>();
  for (const a of input.abandoned)
    abandoned.set(`${a.op} ${a.error}`, (abandoned.get(`${a.op} ${a.error}`) ?? 0) + 1);
  return [
    `Soak: ${input.seconds} s of load, ${total} requests through the gateway, ${input.windows.length} faults; settled ${(input.settleMs / 1000).toFixed(1)} s after the load stopped`,
    `Business actions given up on after retrying with the same Idempotency-Key: ${input.abandoned.length}${abandoned.size ? ` (${[...abandoned].map(([k, n]) => `${k} x${n}`).join(', ')})` : ''}`,
    ...input.notes,
    '',
    latency,
    '',
    faults,
    '',
    effects,
    '',
    checks,
  ].join('\n');
}
