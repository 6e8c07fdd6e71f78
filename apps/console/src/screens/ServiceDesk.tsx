import { type FormEvent, useEffect, useState } from 'react';
import { failureOf, mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { BarChart } from '../charts';
import { useI18n } from '../i18n/context';
import type { TicketRowFragment as TicketRow, TicketStatus } from '../generated/graphql';
import { CommentOnTicket, TicketPage, TicketQueue, TicketsByStatus, TransitionTicket } from '../operations';
import { ColumnHeads, ErrorText, Link, Loaded, Section } from '../ui';
import { DeskInsights, Reassign } from './DeskInsights';

/** The statuses in the order a ticket moves through them (the queue's filter offers the open ones). */
const TICKET_STATUSES: TicketStatus[] = [
  'NEW',
  'TRIAGED',
  'IN_PROGRESS',
  'WAITING_ON_REQUESTER',
  'RESOLVED',
  'CLOSED',
];

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
  const { t, minutes } = useI18n();
  const { sla } = ticket;
  const remaining =
    sla.resolutionRemainingMinutes === null || sla.paused
      ? sla.resolutionRemainingMinutes
      : sla.resolutionRemainingMinutes - Math.floor((now - loadedAt) / 60_000);
  const breached = sla.breached || (remaining !== null && remaining < 0);
  return (
    <span className={breached ? 'sla breached' : 'sla'}>
      {breached ? t('desk.breached') : sla.paused ? t('desk.paused') : ''}
      {minutes(remaining)}
    </span>
  );
}

export function TicketTable({ tickets }: { tickets: TicketRow[] }) {
  const [loadedAt] = useState(Date.now);
  const { t, label } = useI18n();
  return (
    <table className="tickets">
      <ColumnHeads
        columns={[
          t('desk.ticket'),
          t('desk.ticketTitle'),
          t('desk.priority'),
          t('desk.status'),
          t('desk.requester'),
          t('desk.sla'),
        ]}
      />
      <tbody>
        {tickets.map((ticket) => (
          <tr key={ticket.id} className={ticket.sla.breached ? 'breached-row' : undefined}>
            <td>
              <Link to={`/service-desk/${ticket.id}`}>{ticket.number}</Link>
            </td>
            <td>{ticket.title}</td>
            <td>{ticket.priority}</td>
            <td>{label('TicketStatus', ticket.status)}</td>
            <td>
              {ticket.requester.givenName} {ticket.requester.familyName}
            </td>
            <td>
              <SlaCell ticket={ticket} loadedAt={loadedAt} />
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
  const { t, label } = useI18n();
  return (
    <>
      <h1 tabIndex={-1}>{t('desk.title')}</h1>
      <div className="columns wide-first">
        <Section title={t('desk.queue')}>
          <label>
            {t('desk.status')}{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value as TicketStatus | '')}>
              <option value="">{t('desk.allOpen')}</option>
              {TICKET_STATUSES.slice(0, 4).map((s) => (
                <option key={s} value={s}>
                  {label('TicketStatus', s)}
                </option>
              ))}
            </select>
          </label>
          <Loaded state={queue} what={t('desk.theQueue')}>
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
                    {t('desk.openBreached', {
                      open: data.tickets.totalCount,
                      breached: tickets.filter((ticket) => ticket.sla.breached).length,
                    })}
                  </p>
                  {tickets.length > 0 ? <TicketTable tickets={tickets} /> : <p>{t('desk.emptyQueue')}</p>}
                </>
              );
            }}
          </Loaded>
        </Section>
        <Section title={t('desk.byStatus')}>
          <Loaded state={stats} what={t('desk.theStatistics')}>
            {(data) => (
              <BarChart
                title={t('desk.byStatusChart')}
                bars={TICKET_STATUSES.map((s) => ({
                  label: label('TicketStatus', s),
                  value: data.ticketStats.groups.find((g) => g.status === s)?.count ?? 0,
                }))}
              />
            )}
          </Loaded>
        </Section>
      </div>
      <DeskInsights />
    </>
  );
}

export function TicketScreen({ id, session }: { id: string; session: Session }) {
  const state = useQuery(TicketPage, { id });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const agent = hasRole(session, 'it_agent');
  const { t, label, date, minutes } = useI18n();

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await run();
      state.reload();
    } catch (failure) {
      setError(failure);
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
    <Loaded state={state} what={t('ticket.theTicket')}>
      {({ ticket }) =>
        !ticket ? (
          <>
            <h1 tabIndex={-1}>{t('ticket.notFound')}</h1>
            <ErrorText error={state.errors[0] ? failureOf(state.errors[0]) : t('ticket.noSuch')} />
          </>
        ) : (
          <>
            <h1 tabIndex={-1}>
              {ticket.number}: {ticket.title}
            </h1>
            <p>
              {label('TicketCategory', ticket.category)} · {ticket.priority} ·{' '}
              <strong>{label('TicketStatus', ticket.status)}</strong> · {t('ticket.requestedBy')}{' '}
              <Link to={`/people/${ticket.requester.id}`}>
                {ticket.requester.givenName} {ticket.requester.familyName}
              </Link>{' '}
              · SLA{' '}
              <span className={ticket.sla.breached ? 'sla breached' : 'sla'}>
                {ticket.sla.breached
                  ? t('ticket.slaBreached')
                  : t('ticket.slaLeft', { time: minutes(ticket.sla.resolutionRemainingMinutes) })}
              </span>
            </p>
            {ticket.description && <p className="description">{ticket.description}</p>}
            <Section title={t('ticket.transitions')}>
              {ticket.allowedTransitions.length === 0 ? (
                <p>{t('ticket.noTransitions', { status: label('TicketStatus', ticket.status) })}</p>
              ) : (
                <div className="actions">
                  {ticket.allowedTransitions.map((to) => (
                    <button
                      type="button"
                      key={to}
                      disabled={busy}
                      onClick={() => act(() => mutate(TransitionTicket, { id, to }))}
                    >
                      {t('ticket.moveTo', { status: label('TicketStatus', to) })}
                    </button>
                  ))}
                </div>
              )}
              <ErrorText error={error} />
            </Section>
            <Reassign ticketId={id} assignee={ticket.assignee} session={session} onChanged={state.reload} />
            <Section title={t('ticket.comments')}>
              <ol className="comments">
                {ticket.comments.map((c) => (
                  <li key={c.id} className={c.internal ? 'internal' : undefined}>
                    <strong>{c.author ?? t('ticket.someone')}</strong> {date(c.createdAt)}
                    {c.internal && t('ticket.internalNote')}
                    <p>{c.body}</p>
                  </li>
                ))}
              </ol>
              <form onSubmit={comment}>
                <label htmlFor="comment-body">{t('ticket.addComment')}</label>
                <textarea id="comment-body" name="body" required rows={3} />
                {agent && (
                  <label className="checkbox">
                    <input type="checkbox" name="internal" /> {t('ticket.internal')}
                  </label>
                )}
                <button type="submit" disabled={busy}>
                  {t('ticket.comment')}
                </button>
              </form>
            </Section>
            <Section title={t('ticket.history')}>
              <ul>
                {ticket.history.map((h) => (
                  <li key={`${h.kind}-${h.changedAt}-${h.toValue}`}>
                    {date(h.changedAt)}: {label('TicketChange', h.kind)}{' '}
                    {h.kind === 'STATUS' ? label('TicketStatus', h.fromValue) : (h.fromValue ?? '—')} →{' '}
                    {h.kind === 'STATUS' ? label('TicketStatus', h.toValue) : (h.toValue ?? '—')}{' '}
                    {t('ticket.changedBy', { who: h.changedBy ?? t('ticket.system') })}
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
