import { type FormEvent, useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import type { ConsoleFiscalPeriodsQuery } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { ClosePeriod, FiscalPeriods, ReopenPeriod } from '../operations';
import { ErrorText, Loaded, Section } from '../ui';

type Period = ConsoleFiscalPeriodsQuery['fiscalPeriods'][number];

/**
 * The months of a year, closed and reopened by a controller (the schema's role for both mutations);
 * everyone else who keeps the books sees where each stands and why they get no buttons. A refusal from
 * the server (a period already closed or reopened meanwhile, a reason left blank) is shown as it came.
 */
export function PeriodsSection({ session, initialYear }: { session: Session; initialYear: number }) {
  const [year, setYear] = useState(initialYear);
  const state = useQuery(FiscalPeriods, { year });
  const controller = hasRole(session, 'controller');
  const { t } = useI18n();
  return (
    <Section title={t('ledger.periods')} id="periods">
      <label className="inline">
        {t('periods.year')}{' '}
        <input
          type="number"
          min={2000}
          max={2100}
          value={year}
          onChange={(e) => Number(e.target.value) >= 2000 && setYear(Number(e.target.value))}
        />
      </label>
      {!controller && (
        <p className="note" data-testid="controller-only">
          {t('periods.controllerOnly', { roles: session.roles.join(', ') })}
        </p>
      )}
      <Loaded state={state} what={t('periods.thePeriods')}>
        {(data) => (
          <table data-testid="periods">
            <thead>
              <tr>
                <th scope="col">{t('periods.month')}</th>
                <th scope="col">{t('periods.status')}</th>
                <th scope="col">{t('periods.lastChange')}</th>
                {controller && <th scope="col">{t('periods.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.fiscalPeriods.map((p) => (
                <PeriodRow key={p.period} period={p} controller={controller} onChanged={state.reload} />
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </Section>
  );
}

function PeriodRow({
  period: p,
  controller,
  onChanged,
}: {
  period: Period;
  controller: boolean;
  onChanged(): void;
}) {
  const [reopening, setReopening] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { t, label, month, date } = useI18n();
  const name = month(p.period);
  const last = p.history.at(-1);

  async function run(change: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await change();
      setReopening(false);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function reopen(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
    void run(() => mutate(ReopenPeriod, { period: p.period, reason }));
  }

  return (
    <tr data-testid={`period-${p.period}`}>
      <th scope="row">{name}</th>
      <td>
        {label('FiscalPeriodStatus', p.status)}
        {p.pendingEntries > 0 && `, ${t('ledger.pendingEntries', { count: p.pendingEntries })}`}
      </td>
      <td>
        {last &&
          t('periods.changedBy', {
            action: last.action === 'CLOSED' ? t('periods.closed') : t('periods.reopened'),
            who: last.changedBy ?? '—',
            date: date(last.changedAt),
          })}
        {last?.reason && `; ${t('periods.because', { reason: last.reason })}`}
      </td>
      {controller && (
        <td>
          {p.status === 'OPEN' && (
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                if (!window.confirm(t('ledger.closeConfirm', { period: name }))) return;
                void run(() => mutate(ClosePeriod, { period: p.period }));
              }}
            >
              {t('ledger.close')}
              <span className="visually-hidden"> {name}</span>
            </button>
          )}
          {p.status === 'CLOSED' && !reopening && (
            <button type="button" disabled={busy} onClick={() => setReopening(true)}>
              {t('periods.reopen')}
              <span className="visually-hidden"> {name}</span>
            </button>
          )}
          {reopening && (
            <form onSubmit={reopen} className="inline-form">
              <label>
                {t('periods.reopenReason', { period: name })}
                <input name="reason" required />
              </label>{' '}
              <button type="submit" disabled={busy}>
                {t('periods.reopenSubmit', { period: name })}
              </button>{' '}
              <button type="button" onClick={() => setReopening(false)}>
                {t('periods.cancel')}
              </button>
            </form>
          )}
          <ErrorText error={error} lead={t('periods.refused')} />
        </td>
      )}
    </tr>
  );
}
