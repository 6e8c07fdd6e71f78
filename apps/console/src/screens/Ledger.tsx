import { type FormEvent, useState } from 'react';
import { mutate, useQuery } from '../api';
import { BarChart } from '../charts';
import { formatCents, toCents } from '../money';
import { Accounts, ClosePeriod, LedgerOverview, PostJournalEntry } from '../operations';
import { ErrorText, Loaded, Section } from '../ui';

interface Line {
  accountCode: string;
  debit: string;
  credit: string;
}

const today = () => new Date().toISOString().slice(0, 10);

export function Ledger() {
  const [asOf, setAsOf] = useState(today);
  const overview = useQuery(LedgerOverview, { asOf, year: Number(asOf.slice(0, 4)) });
  return (
    <>
      <h1 tabIndex={-1}>Ledger</h1>
      <PostEntry onPosted={overview.reload} />
      <label className="inline">
        As of <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
      </label>
      <Loaded state={overview} what="the ledger">
        {(data) => {
          const buckets = { notDue: 0n, days0To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n };
          for (const row of data.agingReport.rows)
            for (const key of Object.keys(buckets) as (keyof typeof buckets)[])
              buckets[key] += toCents(row[key]) ?? 0n;
          return (
            <>
              <Section title="Recent journal entries">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Number</th>
                      <th scope="col">Date</th>
                      <th scope="col">Description</th>
                      <th scope="col">Status</th>
                      <th scope="col">Total</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.journalEntries.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>{node.number ?? '(pending)'}</td>
                        <td>{node.date}</td>
                        <td>{node.description}</td>
                        <td>{node.status}</td>
                        <td className="num">{node.total}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
              <Section title="Trial balance">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Account</th>
                      <th scope="col">Type</th>
                      <th scope="col">Debit</th>
                      <th scope="col">Credit</th>
                      <th scope="col">Balance</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.trialBalance.rows.map((r) => (
                      <tr key={r.accountCode}>
                        <td>
                          {r.accountCode} {r.accountName}
                        </td>
                        <td>{r.accountType}</td>
                        <td className="num">{r.debit}</td>
                        <td className="num">{r.credit}</td>
                        <td className="num">{r.balance}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        Total
                      </th>
                      <td className="num">{data.trialBalance.totalDebit}</td>
                      <td className="num">{data.trialBalance.totalCredit}</td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </Section>
              <Section title="Aging">
                <BarChart
                  title="Open items by age (whole currency units)"
                  bars={[
                    { label: 'Not due', value: Number(buckets.notDue / 100n) },
                    { label: '0–30 days', value: Number(buckets.days0To30 / 100n) },
                    { label: '31–60 days', value: Number(buckets.days31To60 / 100n) },
                    { label: '61–90 days', value: Number(buckets.days61To90 / 100n) },
                    { label: 'Over 90 days', value: Number(buckets.over90 / 100n) },
                  ]}
                />
                {data.agingReport.rows.length === 0 && <p>No open items.</p>}
              </Section>
              <Periods periods={data.fiscalPeriods} onChanged={overview.reload} />
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function Periods({
  periods,
  onChanged,
}: {
  periods: { period: string; status: string; pendingEntries: number }[];
  onChanged(): void;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Section title="Periods">
      <ul className="periods">
        {periods.map((p) => (
          <li key={p.period}>
            {p.period}: {p.status}
            {p.pendingEntries > 0 && `, ${p.pendingEntries} entries pending approval`}
            {p.status === 'OPEN' && (
              <button
                type="button"
                onClick={() => {
                  if (!window.confirm(`Close ${p.period}? Posting into it stops.`)) return;
                  mutate(ClosePeriod, { period: p.period }).then(onChanged, (e: Error) =>
                    setError(e.message),
                  );
                }}
              >
                Close<span className="visually-hidden"> {p.period}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorText error={error} />
    </Section>
  );
}

function PostEntry({ onPosted }: { onPosted(): void }) {
  const accounts = useQuery(Accounts);
  const [lines, setLines] = useState<Line[]>([
    { accountCode: '', debit: '', credit: '' },
    { accountCode: '', debit: '', credit: '' },
  ]);
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const debit = lines.reduce((sum, l) => sum + (toCents(l.debit) ?? 0n), 0n);
  const credit = lines.reduce((sum, l) => sum + (toCents(l.credit) ?? 0n), 0n);
  const invalid = lines.some((l) => toCents(l.debit) === null || toCents(l.credit) === null);
  const balanced = !invalid && debit === credit && debit > 0n;

  const update = (i: number, patch: Partial<Line>) =>
    setLines(lines.map((l, j) => (i === j ? { ...l, ...patch } : l)));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    setPosted(null);
    try {
      const result = await mutate(PostJournalEntry, {
        input: {
          date: String(form.get('date')),
          description: String(form.get('description')).trim(),
          reference: String(form.get('reference') ?? '').trim() || null,
          lines: lines
            .filter((l) => l.accountCode)
            .map((l) => ({ accountCode: l.accountCode, debit: l.debit || null, credit: l.credit || null })),
        },
      });
      const entry = result.postJournalEntry;
      setPosted(
        entry.status === 'PENDING_APPROVAL'
          ? `Entry for ${entry.total} waits for a four-eyes approval.`
          : `Posted ${entry.number} for ${entry.total}.`,
      );
      onPosted();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Post a journal entry">
      <form onSubmit={submit}>
        <div className="grid-form">
          <label>
            Date
            <input name="date" type="date" defaultValue={today()} required />
          </label>
          <label>
            Description
            <input name="description" required />
          </label>
          <label>
            Reference
            <input name="reference" />
          </label>
        </div>
        <table className="lines">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Debit</th>
              <th scope="col">Credit</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity until posted
              <tr key={i}>
                <td>
                  <select
                    aria-label={`Account of line ${i + 1}`}
                    value={line.accountCode}
                    onChange={(e) => update(i, { accountCode: e.target.value })}
                  >
                    <option value="">— account —</option>
                    {(accounts.data?.accounts ?? []).map((a) => (
                      <option key={a.code} value={a.code}>
                        {a.code} {a.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Debit of line ${i + 1}`}
                    inputMode="decimal"
                    value={line.debit}
                    aria-invalid={toCents(line.debit) === null}
                    onChange={(e) => update(i, { debit: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Credit of line ${i + 1}`}
                    inputMode="decimal"
                    value={line.credit}
                    aria-invalid={toCents(line.credit) === null}
                    onChange={(e) => update(i, { credit: e.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {accounts.error && <ErrorText error={`Accounts could not be loaded: ${accounts.error.message}`} />}
        <p className={balanced ? 'balance ok' : 'balance off'} aria-live="polite" data-testid="balance">
          Debit {formatCents(debit)} · Credit {formatCents(credit)} ·{' '}
          {invalid
            ? 'an amount is not a decimal with at most 2 places'
            : balanced
              ? 'balanced'
              : `off by ${formatCents(debit - credit)}`}
        </p>
        <button
          type="button"
          onClick={() => setLines([...lines, { accountCode: '', debit: '', credit: '' }])}
        >
          Add line
        </button>{' '}
        <button type="submit" disabled={!balanced || busy}>
          Post entry
        </button>
      </form>
      {posted && (
        <p role="status" data-testid="posted">
          {posted}
        </p>
      )}
      <ErrorText error={error} />
    </Section>
  );
}
