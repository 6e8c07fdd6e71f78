import { type ReactNode, useState } from 'react';
import { mutate, useQuery } from '../api';
import type { Session } from '../auth';
import type { LeaveRowFragment as LeaveRow } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { DecideLeave, LeaveDecisions as LeaveDecisionsQuery } from '../operations';
import { usePages } from '../pager';
import { ErrorText, Loaded, Section } from '../ui';

/** Requests in a table: who, what, when, how many days, and what was decided with its comment. */
export function LeaveTable({ requests, decide }: { requests: LeaveRow[]; decide?(r: LeaveRow): ReactNode }) {
  const { t, label, date, decimal } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('leave.who')}</th>
          <th scope="col">{t('leave.type')}</th>
          <th scope="col">{t('leave.dates')}</th>
          <th scope="col" className="amount">
            {t('leave.days')}
          </th>
          <th scope="col">{t('leave.status')}</th>
          <th scope="col">{t('leave.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id} data-testid="leave-row">
            <th scope="row">
              {r.employee.givenName} {r.employee.familyName}
            </th>
            <td>
              {label('LeaveType', r.type)}
              {r.reason && <p className="description">{r.reason}</p>}
            </td>
            <td>
              {date(r.startDate)} – {date(r.endDate)}
            </td>
            <td className="amount">{decimal(r.days)}</td>
            <td>{label('LeaveStatus', r.status)}</td>
            <td>
              {decide
                ? decide(r)
                : r.decidedBy && t('leave.decidedBy', { who: r.decidedBy, comment: r.decisionComment ?? '' })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The requests waiting for the caller: their reports' (a manager) or everyone's (hr), never their own. */
export function LeaveDecisions({ session, onDecided }: { session: Session; onDecided(): void }) {
  const state = useQuery(LeaveDecisionsQuery);
  const { t } = useI18n();
  return (
    <Section title={t('leave.toDecide')} id="leave-decide">
      <Loaded state={state} what={t('leave.theDecisions')}>
        {(data) => (
          <Waiting
            requests={data.leaveRequests}
            session={session}
            onDecided={() => {
              state.reload();
              onDecided();
            }}
          />
        )}
      </Loaded>
    </Section>
  );
}

function Waiting({
  requests,
  session,
  onDecided,
}: {
  requests: LeaveRow[];
  session: Session;
  onDecided(): void;
}) {
  const { rows, pager } = usePages(requests, 10);
  const { t } = useI18n();
  if (requests.length === 0) return <p>{t('leave.nothingToDecide')}</p>;
  return (
    <>
      <LeaveTable
        requests={rows}
        decide={(r) =>
          // The server refuses a requester's own decision; the buttons are not offered either.
          r.employee.id === session.employeeId || r.requestedBy === session.sub ? (
            <span className="note">{t('leave.ownRequest')}</span>
          ) : (
            <Decide request={r} onDecided={onDecided} />
          )
        }
      />
      {pager}
    </>
  );
}

/** Approve, or refuse with a comment saying why. */
function Decide({ request, onDecided }: { request: LeaveRow; onDecided(): void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  const name = `${request.employee.givenName} ${request.employee.familyName}`;
  async function decide(approve: boolean) {
    if (!approve && !comment.trim()) {
      setError(t('leave.commentNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await mutate(DecideLeave, { id: request.id, approve, comment: comment.trim() || null });
      onDecided();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="decide">
      <label>
        {t('leave.decisionComment', { name })}
        <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
      </label>
      <button type="button" disabled={busy} onClick={() => decide(true)}>
        {t('leave.approve')}
      </button>
      <button type="button" disabled={busy} onClick={() => decide(false)}>
        {t('leave.refuse')}
      </button>
      <ErrorText error={error} />
    </div>
  );
}
