import { useState } from 'react';
import { mutate, type Operation, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import {
  AcknowledgePolicy,
  type Approval,
  DecideApproval,
  DecideLeave,
  LeaveToDecide,
  MyWork as MyWorkQuery,
} from '../operations';
import { ErrorText, formatDate, Loaded, NotVisible, Section } from '../ui';
import { TicketTable } from './ServiceDesk';

export function MyWork({ session }: { session: Session }) {
  const state = useQuery(MyWorkQuery);
  const leave = useQuery(LeaveToDecide, {}, { skip: !hasRole(session, 'hr') && !session.employeeId });
  return (
    <>
      <h1 tabIndex={-1}>My work</h1>
      <Loaded state={state} what="your work">
        {(data) => (
          <>
            <Section title="Approvals to decide">
              <ApprovalList approvals={data.approvals.filter((a) => a.canDecide)} onDecided={state.reload} />
            </Section>
            {!leave.data && !leave.loading ? null : (
              <Section title="Leave requests to decide">
                <Loaded state={leave} what="leave requests">
                  {(l) =>
                    l.leaveRequests.length === 0 ? (
                      <p>Nothing waiting for you.</p>
                    ) : (
                      <ul className="decisions">
                        {l.leaveRequests.map((r) => (
                          <li key={r.id}>
                            {r.employee.givenName} {r.employee.familyName}: {r.type} {r.startDate} –{' '}
                            {r.endDate} ({r.days} days)
                            <Decide
                              id={r.id}
                              op={DecideLeave}
                              onDecided={leave.reload}
                              label={`leave of ${r.employee.givenName}`}
                            />
                          </li>
                        ))}
                      </ul>
                    )
                  }
                </Loaded>
              </Section>
            )}
            <Section title="My tickets">
              {data.tickets.edges.length > 0 ? (
                <TicketTable tickets={data.tickets.edges.map((e) => e.node)} />
              ) : (
                <p>No open tickets.</p>
              )}
            </Section>
            {data.me ? (
              <>
                <Section title="My leave requests">
                  {data.me.leaveRequests.length === 0 ? (
                    <p>No leave requests.</p>
                  ) : (
                    <ul>
                      {data.me.leaveRequests.map((r) => (
                        <li key={r.id}>
                          {r.type} {r.startDate} – {r.endDate}: {r.days} days, {r.status}
                        </li>
                      ))}
                    </ul>
                  )}
                </Section>
                <Section title="My policy acknowledgements">
                  <Acknowledgements items={data.me.acknowledgements} onDone={state.reload} />
                </Section>
              </>
            ) : (
              <NotVisible what="Your own leave and acknowledgements (sign in with an employee id)" />
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

function ApprovalList({ approvals, onDecided }: { approvals: Approval[]; onDecided(): void }) {
  if (approvals.length === 0) return <p>Nothing waiting for your decision.</p>;
  return (
    <ul className="decisions">
      {approvals.map((a) => (
        <li key={a.id} data-testid="approval">
          <strong>
            {a.subjectType} {a.subjectId.slice(0, 8)}
          </strong>{' '}
          {a.amount && `${a.currency ?? ''} ${a.amount}`} · asked by {a.requestedBy} on{' '}
          {formatDate(a.requestedAt)} · expires {formatDate(a.expiresAt)}
          {a.reason && <p>{a.reason}</p>}
          <Decide
            id={a.id}
            op={DecideApproval}
            onDecided={onDecided}
            label={`${a.subjectType} ${a.subjectId.slice(0, 8)}`}
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
  label,
}: {
  id: string;
  op: Operation<unknown, { id: string; approve: boolean; comment?: string | null }>;
  onDecided(): void;
  label: string;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function decide(approve: boolean) {
    if (!approve && !comment.trim()) {
      setError('A rejection needs a comment.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await mutate(op, { id, approve, comment: comment.trim() || null });
      onDecided();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="decide">
      <label>
        Comment on {label}
        <input value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="button" disabled={busy} onClick={() => decide(true)}>
        Approve
      </button>
      <button type="button" disabled={busy} onClick={() => decide(false)}>
        Reject
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
  const [error, setError] = useState<string | null>(null);
  if (items.length === 0) return <p>No policies to acknowledge.</p>;
  return (
    <>
      <ul>
        {items.map((a) => (
          <li key={`${a.policyId}-${a.version}`}>
            {a.policy?.title ?? a.policyId} v{a.version}:{' '}
            {a.acknowledgedAt ? (
              `acknowledged ${formatDate(a.acknowledgedAt)}`
            ) : (
              <button
                type="button"
                onClick={() =>
                  mutate(AcknowledgePolicy, { policyId: a.policyId, version: a.version }).then(
                    onDone,
                    (e: Error) => setError(e.message),
                  )
                }
              >
                Acknowledge
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorText error={error} />
    </>
  );
}
