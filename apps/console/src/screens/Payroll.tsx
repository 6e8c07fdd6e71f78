import { type FormEvent, useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import type { ConsolePayrollRunQuery, PayrollRunRowFragment as RunRow } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import {
  CalculatePayrollRun,
  CreatePayrollRun,
  FinalizePayrollRun,
  PayrollRunPage,
  PayrollRuns as PayrollRunsQuery,
} from '../operations';
import { usePages } from '../pager';
import { navigate } from '../router';
import { amountColumn, ColumnHeads, ErrorText, Link, Loaded, Section } from '../ui';
import { PayrollCostSection } from './PayrollCost';
import { Booking, Payslips } from './PayrollPayslips';
import './payroll-leave.css';

/** The roles that run payroll (admin passes every check); the gateway enforces the same on every field. */
export const PAYROLL_ROLES = ['payroll', 'hr'];

/** What someone without a payroll role sees when they open a payroll address directly. */
function NotAllowed() {
  const { t } = useI18n();
  return (
    <>
      <h1 tabIndex={-1}>{t('payroll.title')}</h1>
      <p className="not-visible">{t('payroll.notAllowed')}</p>
    </>
  );
}

/** The months' runs, newest first, and a form to start the next one. */
export function PayrollRuns({ session }: { session: Session }) {
  const { t } = useI18n();
  if (!hasRole(session, ...PAYROLL_ROLES)) return <NotAllowed />;
  return (
    <>
      <h1 tabIndex={-1}>{t('payroll.title')}</h1>
      <div className="columns wide-first">
        <Section title={t('payroll.runs')} id="payroll-runs">
          <RunList />
        </Section>
        <Section title={t('payroll.create')} id="payroll-create">
          <CreateRun />
        </Section>
      </div>
      <PayrollCostSection />
    </>
  );
}

function RunList() {
  const state = useQuery(PayrollRunsQuery);
  const { t } = useI18n();
  return (
    <Loaded state={state} what={t('payroll.theRuns')}>
      {(data) =>
        data.payrollRuns.length === 0 ? (
          <p>{t('payroll.noRuns')}</p>
        ) : (
          <RunTable runs={[...data.payrollRuns].sort((a, b) => b.period.localeCompare(a.period))} />
        )
      }
    </Loaded>
  );
}

function RunTable({ runs }: { runs: RunRow[] }) {
  const { rows, pager } = usePages(runs, 12);
  const { t, label, month, money } = useI18n();
  return (
    <>
      <p aria-live="polite">{t('payroll.count', { count: runs.length })}</p>
      <table>
        <ColumnHeads
          columns={[
            t('payroll.period'),
            t('payroll.status'),
            amountColumn(t('payroll.gross')),
            amountColumn(t('payroll.deductions')),
            amountColumn(t('payroll.allowances')),
            amountColumn(t('payroll.net')),
          ]}
        />
        <tbody>
          {rows.map((run) => {
            const currency = run.currency ?? 'EUR';
            return (
              <tr key={run.id}>
                <td>
                  <Link to={`/payroll/${run.id}`}>{month(run.period)}</Link>
                </td>
                <td>{label('PayrollRunStatus', run.status)}</td>
                <td className="amount">{money(run.totalGross, currency)}</td>
                <td className="amount">{money(run.totalDeductions, currency)}</td>
                <td className="amount">{money(run.totalAllowances, currency)}</td>
                <td className="amount">{money(run.totalNet, currency)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pager}
    </>
  );
}

function CreateRun() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const period = String(new FormData(event.currentTarget).get('period') ?? '');
    setBusy(true);
    setError(null);
    try {
      const { createPayrollRun } = await mutate(CreatePayrollRun, { period });
      navigate(`/payroll/${createPayrollRun.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={create}>
      <label htmlFor="payroll-period">{t('payroll.month')}</label>
      <input id="payroll-period" name="period" type="month" required pattern="\d{4}-\d{2}" />
      <button type="submit" disabled={busy}>
        {t('payroll.createSubmit')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}

/** One run: its totals, the next step (calculate, finalize by a second person), payslips and booking. */
export function PayrollRunScreen({ id, session }: { id: string; session: Session }) {
  const { t } = useI18n();
  const state = useQuery(PayrollRunPage, { id }, { skip: !hasRole(session, ...PAYROLL_ROLES) });
  if (!hasRole(session, ...PAYROLL_ROLES)) return <NotAllowed />;
  return (
    <Loaded state={state} what={t('payroll.theRun')}>
      {({ payrollRun: run }) =>
        !run ? (
          <>
            <h1 tabIndex={-1}>{t('payroll.notFound')}</h1>
            <ErrorText error={t('payroll.noSuch')} />
          </>
        ) : (
          <RunPage run={run} session={session} onChanged={state.reload} />
        )
      }
    </Loaded>
  );
}

type Run = NonNullable<ConsolePayrollRunQuery['payrollRun']>;

function RunPage({ run, session, onChanged }: { run: Run; session: Session; onChanged(): void }) {
  const { t, month, money, label, date } = useI18n();
  const currency = run.currency ?? 'EUR';
  return (
    <>
      <p>
        <Link to="/payroll">{t('payroll.allRuns')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('payroll.run', { period: month(run.period) })}</h1>
      <dl className="totals" data-testid="run-totals">
        <dt>{t('payroll.status')}</dt>
        <dd data-testid="run-status">{label('PayrollRunStatus', run.status)}</dd>
        <dt>{t('payroll.gross')}</dt>
        <dd>{money(run.totalGross, currency)}</dd>
        <dt>{t('payroll.deductions')}</dt>
        <dd>{money(run.totalDeductions, currency)}</dd>
        <dt>{t('payroll.allowances')}</dt>
        <dd>{money(run.totalAllowances, currency)}</dd>
        <dt>{t('payroll.net')}</dt>
        <dd>{money(run.totalNet, currency)}</dd>
      </dl>
      <Section title={t('payroll.steps')} id="payroll-steps">
        {run.calculatedBy && run.calculatedAt ? (
          <p>{t('payroll.calculatedBy', { who: run.calculatedBy, date: date(run.calculatedAt) })}</p>
        ) : (
          <p>{t('payroll.notCalculated')}</p>
        )}
        {run.finalizedAt && (
          <p>{t('payroll.finalizedBy', { who: run.finalizedBy ?? '—', date: date(run.finalizedAt) })}</p>
        )}
        {run.status !== 'FINALIZED' && <Steps run={run} session={session} onChanged={onChanged} />}
      </Section>
      <Payslips payslips={run.payslips} />
      <Booking run={run} session={session} />
    </>
  );
}

function Steps({ run, session, onChanged }: { run: Run; session: Session; onChanged(): void }) {
  const [error, setError] = useState<unknown>(null);
  const [refusedSelf, setRefusedSelf] = useState(false);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  // The server decides; the console only knows whose hands were on the run, to explain a refusal.
  const ownHands = run.calculatedBy === session.sub || run.lastPayDataChangeBy === session.sub;

  async function step(finalize: boolean) {
    setBusy(true);
    setError(null);
    setRefusedSelf(false);
    try {
      await (finalize
        ? mutate(FinalizePayrollRun, { id: run.id })
        : mutate(CalculatePayrollRun, { id: run.id }));
      onChanged();
    } catch (failure) {
      setError(failure);
      setRefusedSelf(finalize && ownHands);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => step(false)}>
          {run.status === 'DRAFT' ? t('payroll.calculate') : t('payroll.recalculate')}
        </button>
        {run.status === 'CALCULATED' && (
          <button type="button" disabled={busy} onClick={() => step(true)} aria-describedby="four-eyes">
            {t('payroll.finalize')}
          </button>
        )}
      </div>
      <p id="four-eyes" className="note">
        {t('payroll.fourEyes')}
      </p>
      {refusedSelf && (
        <p className="four-eyes" data-testid="four-eyes-refusal">
          <strong>{t('payroll.fourEyesYou')}</strong>
        </p>
      )}
      <ErrorText error={error} />
    </>
  );
}
