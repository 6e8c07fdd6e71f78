import { type FormEvent, useEffect, useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { BarChart } from '../charts';
import {
  CommentOnTicket,
  TICKET_STATUSES,
  TicketPage,
  TicketQueue,
  type TicketRow,
  type TicketStatus,
  TicketsByStatus,
  TransitionTicket,
} from '../operations';
import { ErrorText, formatDate, formatMinutes, Link, Loaded, Section } from '../ui';

/** Minutes left on the running SLA clock, ticking down between refreshes. */
function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function SlaCell({ ticket, loadedAt }: { ticket: TicketRow; loadedAt: number }) {
  const now = useNow();
  const { sla } = ticket;
  const remaining =
    sla.resolutionRemainingMinutes === null || sla.paused
      ? sla.resolutionRemainingMinutes
      : sla.resolutionRemainingMinutes - Math.floor((now - loadedAt) / 60_000);
  const breached = sla.breached || (remaining !== null && remaining < 0);
  return (
    <span className={breached ? 'sla breached' : 'sla'}>
      {breached ? 'Breached: ' : sla.paused ? 'Paused: ' : ''}
      {formatMinutes(remaining)}
    </span>
  );
}

export function TicketTable({ tickets }: { tickets: TicketRow[] }) {
  const [loadedAt] = useState(Date.now);
  return (
    <table className="tickets">
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          <th scope="col">Title</th>
          <th scope="col">Priority</th>
          <th scope="col">Status</th>
          <th scope="col">Requester</th>
          <th scope="col">SLA (resolution)</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((t) => (
          <tr key={t.id} className={t.sla.breached ? 'breached-row' : undefined}>
            <td>
              <Link to={`/service-desk/${t.id}`}>{t.number}</Link>
            </td>
            <td>{t.title}</td>
            <td>{t.priority}</td>
            <td>{t.status}</td>
            <td>
              {t.requester.givenName} {t.requester.familyName}
            </td>
            <td>
              <SlaCell ticket={t} loadedAt={loadedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServiceDesk() {
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const queue = useQuery(TicketQueue, { status: status ? [status] : null }, { pollMs: 60_000 });
  const [range] = useState(() => ({
    from: new Date(Date.now() - 90 * 86_400_000).toISOString(),
    to: new Date(Date.now() + 60_000).toISOString(),
  }));
  const stats = useQuery(TicketsByStatus, range);
  return (
    <>
      <h1 tabIndex={-1}>Service desk</h1>
      <div className="columns wide-first">
        <Section title="Queue">
          <label>
            Status{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value as TicketStatus | '')}>
              <option value="">All open</option>
              {TICKET_STATUSES.slice(0, 4).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <Loaded state={queue} what="the queue">
            {(data) => {
              // Breached first, then the least time left.
              const tickets = data.tickets.edges
                .map((e) => e.node)
                .sort(
                  (a, b) =>
                    Number(b.sla.breached) - Number(a.sla.breached) ||
                    (a.sla.resolutionRemainingMinutes ?? 1e9) - (b.sla.resolutionRemainingMinutes ?? 1e9),
                );
              return (
                <>
                  <p aria-live="polite">
                    {data.tickets.totalCount} open, {tickets.filter((t) => t.sla.breached).length} breached
                  </p>
                  {tickets.length > 0 ? <TicketTable tickets={tickets} /> : <p>The queue is empty.</p>}
                </>
              );
            }}
          </Loaded>
        </Section>
        <Section title="Tickets by status">
          <Loaded state={stats} what="ticket statistics">
            {(data) => (
              <BarChart
                title="Tickets by status (last 90 days)"
                bars={TICKET_STATUSES.map((s) => ({
                  label: s,
                  value: data.ticketStats.groups.find((g) => g.status === s)?.count ?? 0,
                }))}
              />
            )}
          </Loaded>
        </Section>
      </div>
    </>
  );
}

export function TicketScreen({ id, session }: { id: string; session: Session }) {
  const state = useQuery(TicketPage, { id });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const agent = hasRole(session, 'it_agent');

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
      state.reload();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function comment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    await act(() =>
      mutate(CommentOnTicket, {
        id,
        body: String(data.get('body') ?? ''),
        internal: data.get('internal') === 'on',
      }),
    );
    form.reset();
  }

  return (
    <Loaded state={state} what="the ticket">
      {({ ticket }) =>
        !ticket ? (
          <>
            <h1 tabIndex={-1}>Ticket not found</h1>
            <p className="error">{state.errors[0]?.message ?? 'No such ticket, or not yours to see.'}</p>
          </>
        ) : (
          <>
            <h1 tabIndex={-1}>
              {ticket.number}: {ticket.title}
            </h1>
            <p>
              {ticket.category} · {ticket.priority} · <strong>{ticket.status}</strong> · requested by{' '}
              <Link to={`/people/${ticket.requester.id}`}>
                {ticket.requester.givenName} {ticket.requester.familyName}
              </Link>{' '}
              · SLA{' '}
              <span className={ticket.sla.breached ? 'sla breached' : 'sla'}>
                {ticket.sla.breached
                  ? 'breached'
                  : `${formatMinutes(ticket.sla.resolutionRemainingMinutes)} left`}
              </span>
            </p>
            {ticket.description && <p className="description">{ticket.description}</p>}
            <Section title="Transitions">
              {ticket.allowedTransitions.length === 0 ? (
                <p>No transitions from {ticket.status}.</p>
              ) : (
                <div className="actions">
                  {ticket.allowedTransitions.map((to) => (
                    <button
                      type="button"
                      key={to}
                      disabled={busy}
                      onClick={() => act(() => mutate(TransitionTicket, { id, to }))}
                    >
                      Move to {to}
                    </button>
                  ))}
                </div>
              )}
              <ErrorText error={error} />
            </Section>
            <Section title="Comments">
              <ol className="comments">
                {ticket.comments.map((c) => (
                  <li key={c.id} className={c.internal ? 'internal' : undefined}>
                    <strong>{c.author ?? 'someone'}</strong> {formatDate(c.createdAt)}
                    {c.internal && ' (internal note)'}
                    <p>{c.body}</p>
                  </li>
                ))}
              </ol>
              <form onSubmit={comment}>
                <label htmlFor="comment-body">Add a comment</label>
                <textarea id="comment-body" name="body" required rows={3} />
                {agent && (
                  <label className="checkbox">
                    <input type="checkbox" name="internal" /> Internal note (agents only)
                  </label>
                )}
                <button type="submit" disabled={busy}>
                  Comment
                </button>
              </form>
            </Section>
            <Section title="History">
              <ul>
                {ticket.history.map((h) => (
                  <li key={`${h.kind}-${h.changedAt}-${h.toValue}`}>
                    {formatDate(h.changedAt)}: {h.kind} {h.fromValue ?? '—'} → {h.toValue ?? '—'} by{' '}
                    {h.changedBy ?? 'system'}
                  </li>
                ))}
              </ul>
            </Section>
          </>
        )
      }
    </Loaded>
  );
}
