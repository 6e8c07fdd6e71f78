import { type FormEvent, useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import type { ConsoleMyLeaveQuery, LeaveRowFragment as LeaveRow, LeaveType } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { MyLeave, RequestLeave } from '../operations';
import { usePages } from '../pager';
import { ErrorText, Loaded, Section } from '../ui';
import { LeaveDecisions, LeaveTable } from './LeaveDecisions';
import './payroll-leave.css';

const LEAVE_TYPES: LeaveType[] = ['ANNUAL', 'SICK', 'UNPAID'];

type Balance = NonNullable<ConsoleMyLeaveQuery['me']>['leaveBalance'];

/**
 * Leave as people take it: your balance and requests, a form to ask for more, and (for a manager or hr)
 * the requests waiting for a decision. Whoever asked never decides: the server refuses, the screen hides it.
 */
export function LeaveScreen({ session }: { session: Session }) {
  const mine = useQuery(MyLeave, { year: null }, { skip: !session.employeeId });
  // Managers are employees with reports: anyone with an employee record may have requests to decide.
  const decides = !!session.employeeId || hasRole(session, 'hr');
  const { t } = useI18n();
  return (
    <>
      <h1 tabIndex={-1}>{t('leave.title')}</h1>
      {!session.employeeId && <p className="not-visible">{t('leave.noEmployee')}</p>}
      {session.employeeId && (
        <Loaded state={mine} what={t('leave.theBalance')}>
          {(data) =>
            data.me && (
              <>
                <BalanceSection balance={data.me.leaveBalance} />
                <div className="columns">
                  <Section title={t('leave.request')} id="leave-request">
                    <RequestForm onRequested={mine.reload} />
                  </Section>
                  <Section title={t('leave.mine')} id="leave-mine">
                    <MyRequests requests={data.me.leaveRequests} />
                  </Section>
                </div>
              </>
            )
          }
        </Loaded>
      )}
      {decides && <LeaveDecisions session={session} onDecided={mine.reload} />}
    </>
  );
}

function BalanceSection({ balance }: { balance: Balance }) {
  const { t, decimal, label, date } = useI18n();
  const days: [string, number][] = [
    [t('leave.entitled'), balance.entitled],
    [t('leave.taken'), balance.taken],
    [t('leave.planned'), balance.planned],
    [t('leave.pending'), balance.pending],
    [t('leave.remaining'), balance.remaining],
    ...(balance.overdrawn > 0 ? [[t('leave.overdrawn'), balance.overdrawn] as [string, number]] : []),
  ];
  return (
    <Section title={t('leave.balance', { year: balance.year })} id="leave-balance">
      <table data-testid="leave-days">
        <caption>{t('leave.inDays')}</caption>
        <tbody>
          {days.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="amount">{decimal(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {balance.buckets.length === 0 ? (
        <p>{t('leave.noBuckets')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="leave-buckets">
            <caption>{t('leave.buckets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('leave.bucket')}</th>
                <th scope="col">{t('leave.accrued')}</th>
                <th scope="col" className="amount">
                  {t('leave.entitled')}
                </th>
                <th scope="col" className="amount">
                  {t('leave.used')}
                </th>
                <th scope="col" className="amount">
                  {t('leave.pending')}
                </th>
                <th scope="col" className="amount">
                  {t('leave.expired')}
                </th>
                <th scope="col" className="amount">
                  {t('leave.remaining')}
                </th>
                <th scope="col">{t('leave.expiresOn')}</th>
              </tr>
            </thead>
            <tbody>
              {balance.buckets.map((b) => (
                <tr key={`${b.kind}-${b.year}`}>
                  <th scope="row">{label('LeaveBucketKind', b.kind)}</th>
                  <td>{b.year}</td>
                  <td className="amount">{decimal(b.entitledHours)}</td>
                  <td className="amount">{decimal(b.usedHours)}</td>
                  <td className="amount">{decimal(b.pendingHours)}</td>
                  <td className="amount">{decimal(b.expiredHours)}</td>
                  <td className="amount">{decimal(b.remainingHours)}</td>
                  <td>{date(b.expiresOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function RequestForm({ onRequested }: { onRequested(): void }) {
  const [error, setError] = useState<unknown>(null);
  const [requested, setRequested] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const { t, label } = useI18n();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    setRequested(null);
    try {
      const { requestLeave } = await mutate(RequestLeave, {
        input: {
          type: String(data.get('type')) as LeaveType,
          startDate: String(data.get('startDate')),
          endDate: String(data.get('endDate')),
          halfDayStart: data.get('halfDayStart') === 'on',
          halfDayEnd: data.get('halfDayEnd') === 'on',
          reason: String(data.get('reason') ?? '').trim() || null,
        },
      });
      setRequested(requestLeave.days);
      form.reset();
      onRequested();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit}>
      <label htmlFor="leave-type">{t('leave.type')}</label>
      <select id="leave-type" name="type" defaultValue="ANNUAL">
        {LEAVE_TYPES.map((type) => (
          <option key={type} value={type}>
            {label('LeaveType', type)}
          </option>
        ))}
      </select>
      <label htmlFor="leave-start">{t('leave.startDate')}</label>
      <input id="leave-start" name="startDate" type="date" required />
      <label htmlFor="leave-end">{t('leave.endDate')}</label>
      <input id="leave-end" name="endDate" type="date" required />
      <label className="checkbox">
        <input type="checkbox" name="halfDayStart" /> {t('leave.halfDayStart')}
      </label>
      <label className="checkbox">
        <input type="checkbox" name="halfDayEnd" /> {t('leave.halfDayEnd')}
      </label>
      <label htmlFor="leave-reason">{t('leave.comment')}</label>
      <textarea id="leave-reason" name="reason" rows={2} maxLength={500} />
      <button type="submit" disabled={busy}>
        {t('leave.submit')}
      </button>
      <p role="status" data-testid="leave-requested">
        {requested !== null && t('leave.requested', { count: requested })}
      </p>
      <ErrorText error={error} />
    </form>
  );
}

function MyRequests({ requests }: { requests: LeaveRow[] }) {
  const { rows, pager } = usePages(requests, 10);
  const { t } = useI18n();
  if (requests.length === 0) return <p>{t('leave.noRequests')}</p>;
  return (
    <>
      <LeaveTable requests={rows} />
      {pager}
    </>
  );
}
