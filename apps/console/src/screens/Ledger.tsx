import { type FormEvent, useState } from 'react';
import { mutate, useQuery } from '../api';
import type { Session } from '../auth';
import { BarChart } from '../charts';
import { useI18n } from '../i18n/context';
import { formatCents, toCents } from '../money';
import { Accounts, LedgerOverview, PostJournalEntry } from '../operations';
import { ErrorText, Loaded, Section, today } from '../ui';
import { PeriodsSection } from './Periods';

interface Line {
  accountCode: string;
  debit: string;
  credit: string;
}

export function Ledger({ session }: { session: Session }) {
  const [asOf, setAsOf] = useState(today);
  const overview = useQuery(LedgerOverview, { asOf });
  const { t, label, money, decimal, shortDate } = useI18n();
  return (
    <>
      <h1 tabIndex={-1}>{t('ledger.title')}</h1>
      <PostEntry onPosted={overview.reload} />
      <label className="inline">
        {t('ledger.asOf')}{' '}
        <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
      </label>
      <Loaded state={overview} what={t('ledger.theLedger')}>
        {(data) => {
          const buckets = { notDue: 0n, days0To30: 0n, days31To60: 0n, days61To90: 0n, over90: 0n };
          for (const row of data.agingReport.rows)
            for (const key of Object.keys(buckets) as (keyof typeof buckets)[])
              buckets[key] += toCents(row[key]) ?? 0n;
          return (
            <>
              <Section title={t('ledger.recentEntries')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('ledger.number')}</th>
                      <th scope="col">{t('ledger.date')}</th>
                      <th scope="col">{t('ledger.description')}</th>
                      <th scope="col">{t('ledger.status')}</th>
                      <th scope="col">{t('ledger.total')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.journalEntries.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>{node.number ?? t('ledger.pendingNumber')}</td>
                        <td>{shortDate(node.date)}</td>
                        <td>{node.description}</td>
                        <td>{label('JournalEntryStatus', node.status)}</td>
                        <td className="num">{money(node.total, node.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
              <Section title={t('ledger.trialBalance')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('ledger.account')}</th>
                      <th scope="col">{t('ledger.type')}</th>
                      <th scope="col">{t('ledger.debit')}</th>
                      <th scope="col">{t('ledger.credit')}</th>
                      <th scope="col">{t('ledger.balance')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.trialBalance.rows.map((r) => (
                      <tr key={r.accountCode}>
                        <td>
                          {r.accountCode} {r.accountName}
                        </td>
                        <td>{label('AccountType', r.accountType)}</td>
                        <td className="num">{decimal(r.debit, 2)}</td>
                        <td className="num">{decimal(r.credit, 2)}</td>
                        <td className="num">{decimal(r.balance, 2)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>
                        {t('ledger.total')}
                      </th>
                      <td className="num">{decimal(data.trialBalance.totalDebit, 2)}</td>
                      <td className="num">{decimal(data.trialBalance.totalCredit, 2)}</td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </Section>
              <Section title={t('ledger.aging')}>
                <BarChart
                  title={t('ledger.agingChart')}
                  bars={[
                    { label: t('ledger.notDue'), value: Number(buckets.notDue / 100n) },
                    { label: t('ledger.days0To30'), value: Number(buckets.days0To30 / 100n) },
                    { label: t('ledger.days31To60'), value: Number(buckets.days31To60 / 100n) },
                    { label: t('ledger.days61To90'), value: Number(buckets.days61To90 / 100n) },
                    { label: t('ledger.over90'), value: Number(buckets.over90 / 100n) },
                  ]}
                />
                {data.agingReport.rows.length === 0 && <p>{t('ledger.noOpenItems')}</p>}
              </Section>
            </>
          );
        }}
      </Loaded>
      <PeriodsSection session={session} initialYear={Number(asOf.slice(0, 4))} />
    </>
  );
}

function PostEntry({ onPosted }: { onPosted(): void }) {
  const accounts = useQuery(Accounts);
  const [lines, setLines] = useState<Line[]>([
    { accountCode: '', debit: '', credit: '' },
    { accountCode: '', debit: '', credit: '' },
  ]);
  const [error, setError] = useState<unknown>(null);
  const [posted, setPosted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t, money, amountInput, decimal, failure } = useI18n();

  // What the user typed, read in their language (1.234,56 in Dutch), as integer cents.
  const cents = (text: string) => {
    const amount = amountInput(text);
    return amount === null ? null : toCents(amount);
  };
  const debit = lines.reduce((sum, l) => sum + (cents(l.debit) ?? 0n), 0n);
  const credit = lines.reduce((sum, l) => sum + (cents(l.credit) ?? 0n), 0n);
  const invalid = lines.some((l) => cents(l.debit) === null || cents(l.credit) === null);
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
            .map((l) => ({
              accountCode: l.accountCode,
              debit: amountInput(l.debit) || null,
              credit: amountInput(l.credit) || null,
            })),
        },
      });
      const entry = result.postJournalEntry;
      setPosted(
        entry.status === 'PENDING_APPROVAL'
          ? t('ledger.waitsForApproval', { total: money(entry.total, entry.currency) })
          : t('ledger.posted', { number: entry.number ?? '', total: money(entry.total, entry.currency) }),
      );
      onPosted();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t('ledger.post')}>
      <form onSubmit={submit}>
        <div className="grid-form">
          <label>
            {t('ledger.date')}
            <input name="date" type="date" defaultValue={today()} required />
          </label>
          <label>
            {t('ledger.description')}
            <input name="description" required />
          </label>
          <label>
            {t('ledger.reference')}
            <input name="reference" />
          </label>
        </div>
        <table className="lines">
          <thead>
            <tr>
              <th scope="col">{t('ledger.account')}</th>
              <th scope="col">{t('ledger.debit')}</th>
              <th scope="col">{t('ledger.credit')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity until posted
              <tr key={i}>
                <td>
                  <select
                    aria-label={t('ledger.accountOfLine', { line: i + 1 })}
                    value={line.accountCode}
                    onChange={(e) => update(i, { accountCode: e.target.value })}
                  >
                    <option value="">{t('ledger.chooseAccount')}</option>
                    {(accounts.data?.accounts ?? []).map((a) => (
                      <option key={a.code} value={a.code}>
                        {a.code} {a.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={t('ledger.debitOfLine', { line: i + 1 })}
                    inputMode="decimal"
                    value={line.debit}
                    aria-invalid={cents(line.debit) === null}
                    onChange={(e) => update(i, { debit: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={t('ledger.creditOfLine', { line: i + 1 })}
                    inputMode="decimal"
                    value={line.credit}
                    aria-invalid={cents(line.credit) === null}
                    onChange={(e) => update(i, { credit: e.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {accounts.error && (
          <ErrorText
            error={`${t('common.loadFailed', { what: t('ledger.theAccounts') })}: ${failure(accounts.error).message}`}
          />
        )}
        <p className={balanced ? 'balance ok' : 'balance off'} aria-live="polite" data-testid="balance">
          {t('ledger.totals', { debit: decimal(formatCents(debit)), credit: decimal(formatCents(credit)) })} ·{' '}
          {invalid
            ? t('ledger.notAnAmount')
            : balanced
              ? t('ledger.balanced')
              : t('ledger.offBy', { amount: decimal(formatCents(debit - credit)) })}
        </p>
        <button
          type="button"
          onClick={() => setLines([...lines, { accountCode: '', debit: '', credit: '' }])}
        >
          {t('ledger.addLine')}
        </button>{' '}
        <button type="submit" disabled={!balanced || busy}>
          {t('ledger.postEntry')}
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
