import { useState } from 'react';
import { mutate, type Operation, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { useI18n } from '../i18n/context';
import type { ApprovalRowFragment as Approval } from '../generated/graphql';
import {
  AcknowledgePolicy,
  DecideApproval,
  DecideLeave,
  LeaveToDecide,
  MyWork as MyWorkQuery,
} from '../operations';
import { ErrorText, Loaded, NotVisible, Section } from '../ui';
import { TicketTable } from './ServiceDesk';

export function MyWork({ session }: { session: Session }) {
  const state = useQuery(MyWorkQuery);
  const leave = useQuery(LeaveToDecide, {}, { skip: !hasRole(session, 'hr') && !session.employeeId });
  const { t, label, date } = useI18n();
  return (
    <>
      <h1 tabIndex={-1}>{t('myWork.title')}</h1>
      <Loaded state={state} what={t('myWork.yourWork')}>
        {(data) => (
          <>
            <Section title={t('myWork.approvals')}>
              <ApprovalList approvals={data.approvals.filter((a) => a.canDecide)} onDecided={state.reload} />
            </Section>
            {!leave.data && !leave.loading ? null : (
              <Section title={t('myWork.leaveToDecide')}>
                <Loaded state={leave} what={t('myWork.theLeaveRequests')}>
                  {(l) =>
                    l.leaveRequests.length === 0 ? (
                      <p>{t('myWork.nothingWaiting')}</p>
                    ) : (
                      <ul className="decisions">
                        {l.leaveRequests.map((r) => (
                          <li key={r.id}>
                            {r.employee.givenName} {r.employee.familyName}: {label('LeaveType', r.type)}{' '}
                            {date(r.startDate)} – {date(r.endDate)} ({t('common.days', { count: r.days })})
                            <Decide
                              id={r.id}
                              op={DecideLeave}
                              onDecided={leave.reload}
                              subject={t('myWork.leaveOf', { name: r.employee.givenName })}
                            />
                          </li>
                        ))}
                      </ul>
                    )
                  }
                </Loaded>
              </Section>
            )}
            <Section title={t('myWork.tickets')}>
              {data.tickets.edges.length > 0 ? (
                <TicketTable tickets={data.tickets.edges.map((e) => e.node)} />
              ) : (
                <p>{t('myWork.noTickets')}</p>
              )}
            </Section>
            {data.me ? (
              <>
                <Section title={t('myWork.leaveRequests')}>
                  {data.me.leaveRequests.length === 0 ? (
                    <p>{t('myWork.noLeaveRequests')}</p>
                  ) : (
                    <ul>
                      {data.me.leaveRequests.map((r) => (
                        <li key={r.id}>
                          {label('LeaveType', r.type)} {date(r.startDate)} – {date(r.endDate)}:{' '}
                          {t('common.days', { count: r.days })}, {label('LeaveStatus', r.status)}
                        </li>
                      ))}
                    </ul>
                  )}
                </Section>
                <Section title={t('myWork.acknowledgements')}>
                  <Acknowledgements items={data.me.acknowledgements ?? []} onDone={state.reload} />
                </Section>
              </>
            ) : (
              <NotVisible what={t('myWork.ownRecords')} />
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

function ApprovalList({ approvals, onDecided }: { approvals: Approval[]; onDecided(): void }) {
  const { t, label, money, date } = useI18n();
  if (approvals.length === 0) return <p>{t('myWork.noApprovals')}</p>;
  return (
    <ul className="decisions">
      {approvals.map((a) => (
        <li key={a.id} data-testid="approval">
          <strong>
            {label('ApprovalSubject', a.subjectType)} {a.subjectId.slice(0, 8)}
          </strong>{' '}
          {a.amount && `${money(a.amount, a.currency ?? 'EUR')} · `}
          {t('approval.askedBy', { who: a.requestedBy, date: date(a.requestedAt) })} ·{' '}
          {t('approval.expires', { date: date(a.expiresAt) })}
          {a.reason && <p>{a.reason}</p>}
          <Decide
            id={a.id}
            op={DecideApproval}
            onDecided={onDecided}
            subject={`${label('ApprovalSubject', a.subjectType)} ${a.subjectId.slice(0, 8)}`}
          />
        </li>
      ))}
    </ul>
  );
}

/** Approve, or reject with a comment (the services require one for a rejection). */
function Decide({
  id,
  op,
  onDecided,
  subject,
}: {
  id: string;
  op: Operation<unknown, { id: string; approve: boolean; comment?: string | null }>;
  onDecided(): void;
  subject: string;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();
  async function decide(approve: boolean) {
    if (!approve && !comment.trim()) {
      setError(t('decide.commentNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await mutate(op, { id, approve, comment: comment.trim() || null });
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
        {t('decide.commentOn', { subject })}
        <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="button" disabled={busy} onClick={() => decide(true)}>
        {t('decide.approve')}
      </button>
      <button type="button" disabled={busy} onClick={() => decide(false)}>
        {t('decide.reject')}
      </button>
      <ErrorText error={error} />
    </div>
  );
}

function Acknowledgements({
  items,
  onDone,
}: {
  items: {
    policyId: string;
    version: number;
    acknowledgedAt: string | null;
    policy: { title: string } | null;
  }[];
  onDone(): void;
}) {
  const [error, setError] = useState<unknown>(null);
  const { t, date } = useI18n();
  if (items.length === 0) return <p>{t('myWork.noAcknowledgements')}</p>;
  return (
    <>
      <ul>
        {items.map((a) => (
          <li key={`${a.policyId}-${a.version}`}>
            {a.policy?.title ?? a.policyId} v{a.version}:{' '}
            {a.acknowledgedAt ? (
              t('myWork.acknowledged', { date: date(a.acknowledgedAt) })
            ) : (
              <button
                type="button"
                onClick={() =>
                  mutate(AcknowledgePolicy, { policyId: a.policyId, version: a.version }).then(
                    onDone,
                    setError,
                  )
                }
              >
                {t('myWork.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorText error={error} />
    </>
  );
}
