import type { Identity, RunningSubgraph, ServiceContext } from '@backoffice/kit';
import { signedAsGateway } from '@backoffice/testkit';
import { type AccountingServices, Ledger, PostingBatcher } from '@backoffice/testkit/services/accounting';
import { type Agent, request } from 'undici';
import { percentile } from './load.js';

type Database = RunningSubgraph<unknown>['deps']['db'];

export const POST = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id number status } }`;

/** One client's postings for a time: how many, how fast, and what the sessions waited on. */
export interface PostingRun {
  posted: number;
  failed: number;
  seconds: number;
  perSec: number;
  p50: number;
  p95: number;
  waits: Record<string, number>;
  errors: Record<string, number>;
  /** CPU per posted entry (µs): this Node process (clients, service, relay, GraphQL server) and Postgres. */
  nodeCpuUs: number;
  postgresCpuUs: number | null;
}

/**
 * The ways the bench posts a balanced entry, each answering its number (null: not posted): through
 * the service layer (group commit), two baselines of how posting worked before, and through GraphQL.
 * Client `c`'s `i`-th entry is on 4 of `codes` and dated in 2026. Through GraphQL the clients call the
 * subgraph as the gateway does (undici's `request` on a keep-alive `agent`, an identity signed for each
 * call and bound to its body), not with `fetch`, which cost the shared cores about twice as much per call.
 */
export function postingWays(
  accounting: RunningSubgraph<AccountingServices>,
  codes: string[],
  accounts: number,
  asAccountant: Identity,
  agent: Agent,
): Record<
  'numberFirst' | 'alone' | 'groupPerEntry' | 'arrival' | 'serviceLayer' | 'graphql',
  (c: number, i: number) => Promise<string | null>
> {
  const db = accounting.deps.db;
  const inputOf = (c: number, i: number, label: string) => {
    const a = (100 + ((c * 7919 + i * 31) % 90000)) / 100;
    const b = (100 + ((c * 104729 + i * 17) % 40000)) / 100;
    const pick = (k: number) => (c * 13 + i * 7 + k * 11) % accounts;
    return {
      date: `2026-0${1 + ((c + i) % 9)}-15`,
      description: `Bench posting ${label} ${c}-${i}`,
      // A cost center on the first line, as in the loaded books: its balances are kept at commit too.
      lines: [
        { accountCode: codes[pick(1)], debit: a.toFixed(2), costCenter: `CC-${(c + i) % 20}` },
        { accountCode: codes[pick(2)], debit: b.toFixed(2) },
        { accountCode: codes[pick(3)], credit: a.toFixed(2) },
        { accountCode: codes[pick(4)], credit: b.toFixed(2) },
      ],
    };
  };
  const ctx = { identity: asAccountant } as ServiceContext;
  const { journal, ledger } = accounting.services;
  // The group commit as it was before the set-wise commit: no batch marker, so each entry of a batch
  // enters the books through its own commit trigger (number, monthly and daily rows, events).
  class PerEntryLedger extends Ledger {
    protected override enterBooksTogether(): null {
      return null;
    }
  }
  const perEntry = new PostingBatcher(db, new PerEntryLedger(ledger.settings));
  // The service layer's batcher as it was before 2026-12-05: the next batch starts as soon as a posting waits.
  const onArrival = new PostingBatcher(db, ledger, { nextBatch: 'arrival' });
  /** Each posts one entry and answers its number (null: not posted). */
  const ways: Record<string, (c: number, i: number) => Promise<string | null>> = {
    // Where the counter lock was before: taken early (here first) and held to commit.
    numberFirst: async (c, i) => {
      const input = inputOf(c, i, 'number-first');
      const entry = await db.transaction(async (em) => {
        await em.query('SELECT last_number FROM fiscal_year_counter WHERE year = 2026 FOR UPDATE');
        return ledger.book(em, { ...input, source: 'MANUAL' }, 'bench-accountant', asAccountant);
      });
      return ledger.numberOf(db.manager, entry.id);
    },
    // The service layer before group commit: every posting its own transaction and commit.
    alone: async (c, i) => {
      const input = inputOf(c, i, 'alone');
      const entry = await db.transaction((em) =>
        ledger.book(em, { ...input, source: 'MANUAL' }, 'bench-accountant', asAccountant),
      );
      return ledger.numberOf(db.manager, entry.id);
    },
    groupPerEntry: async (c, i) =>
      (
        await perEntry.post(
          { ...inputOf(c, i, 'group-per-entry'), source: 'MANUAL' },
          'bench-accountant',
          asAccountant,
        )
      ).number,
    arrival: async (c, i) =>
      (
        await onArrival.post(
          { ...inputOf(c, i, 'on-arrival'), source: 'MANUAL' },
          'bench-accountant',
          asAccountant,
        )
      ).number,
    serviceLayer: async (c, i) => (await journal.post(ctx, inputOf(c, i, 'service'))).number,
    graphql: async (c, i) => {
      const body = JSON.stringify({ query: POST, variables: { input: inputOf(c, i, 'graphql') } });
      const res = await request(accounting.url, {
        dispatcher: agent,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(await signedAsGateway(accounting.url, asAccountant, body)),
        },
        body,
      });
      const r = (await res.body.json()) as { errors?: unknown; data?: any };
      return r.errors ? null : (r.data?.postJournalEntry?.number ?? null);
    },
  };
  return ways;
}

/** `clients` concurrent clients posting with `post` for `durationSec` seconds, sampling what sessions wait on. */
export async function postingRun(
  db: Database,
  post: (c: number, i: number) => Promise<string | null>,
  clients: number,
  durationSec: number,
  postgresCpu: (() => number) | null = null,
): Promise<PostingRun> {
  let posted = 0;
  let failed = 0;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const waits = new Map<string, number>();
  let samples = 0;
  const sampler = setInterval(async () => {
    // What the posting sessions are waiting on (Lock:transactionid = a row lock held until commit).
    const rows = await db
      .query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
          GROUP BY 1`,
      )
      .catch(() => []);
    samples++;
    for (const r of rows) waits.set(r.w, (waits.get(r.w) ?? 0) + r.n);
  }, 100);
  const cpu0 = process.cpuUsage();
  const pg0 = postgresCpu?.();
  const deadline = performance.now() + durationSec * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const s = performance.now();
        const number = await post(c, i).catch((e: Error) => {
          errors[e.message] = (errors[e.message] ?? 0) + 1;
          return null;
        });
        latencies.push(performance.now() - s);
        if (number) posted++;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpu0);
  const per = Math.max(1, posted);
  const postgresCpuUs =
    postgresCpu && pg0 !== undefined ? Math.round(((postgresCpu() - pg0) * 1000) / per) : null;
  latencies.sort((x, y) => x - y);
  return {
    posted,
    failed,
    seconds,
    perSec: posted / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    waits: Object.fromEntries(
      [...waits.entries()]
        .sort((x, y) => y[1] - x[1])
        .map(([w, n]) => [w, Math.round((n / Math.max(1, samples)) * 10) / 10]),
    ),
    errors,
    nodeCpuUs: Math.round((cpu.user + cpu.system) / per),
    postgresCpuUs,
  };
}

/**
 * One batch of `size` entries (4 lines each, 2026) booked and committed by one client, alternately with
 * the set-wise commit and with each entry entering the books on its own, `times` each: what the batch
 * costs to write and to commit with nothing else in the way, the database's share of a group commit.
 */
export async function batchCommitSideBySide(
  accounting: RunningSubgraph<AccountingServices>,
  codes: string[],
  size: number,
  times: number,
  asAccountant: Identity,
) {
  const db = accounting.deps.db;
  const { ledger } = accounting.services;
  class PerEntryLedger extends Ledger {
    protected override enterBooksTogether(): null {
      return null;
    }
  }
  const perEntry = new PerEntryLedger(ledger.settings);
  const bookings = (k: number) =>
    Array.from({ length: size }, (_, i) => ({
      draft: {
        date: `2026-1${i % 3}-0${1 + (k % 9)}`,
        description: `Bench batch ${k}-${i}`,
        source: 'MANUAL' as const,
        lines: [
          { accountCode: codes[(i * 7) % codes.length], debit: '10.00' },
          { accountCode: codes[(i * 11 + 1) % codes.length], debit: '5.00' },
          { accountCode: codes[(i * 13 + 2) % codes.length], credit: '10.00' },
          { accountCode: codes[(i * 17 + 3) % codes.length], credit: '5.00' },
        ],
      },
      author: 'bench-accountant',
      actor: asAccountant,
    }));
  const once = async (impl: Ledger, k: number) => {
    const qr = db.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const t0 = performance.now();
      await impl.bookPosted(qr.manager, bookings(k));
      const t1 = performance.now();
      await qr.commitTransaction();
      return { writeMs: t1 - t0, commitMs: performance.now() - t1 };
    } finally {
      await qr.release();
    }
  };
  const setWise: { writeMs: number; commitMs: number }[] = [];
  const each: { writeMs: number; commitMs: number }[] = [];
  for (let k = 0; k < times; k++) {
    setWise.push(await once(ledger, 2 * k));
    each.push(await once(perEntry, 2 * k + 1));
  }
  return { setWise, each, entries: 2 * times * size };
}

/** Entries per commit of the postings labelled `label` (entries that committed together share their xmin). */
export async function entriesPerCommit(db: Database, label: string): Promise<number> {
  const [{ n }] = await db.query(
    `SELECT round(count(*)::numeric / greatest(1, count(DISTINCT xmin::text)), 1)::float AS n
       FROM journal_entry WHERE description LIKE $1`,
    [`Bench posting ${label} %`],
  );
  return n;
}
