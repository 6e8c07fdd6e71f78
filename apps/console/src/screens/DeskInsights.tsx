import { type FormEvent, useEffect, useState } from 'react';
import { mutate, RequestError, type Result, request, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { LineChart } from '../charts';
import type { ConsoleTicketHistoryQuery } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { Agents, AssignTicket, TicketHistory } from '../operations';
import { usePages } from '../pager';
import { DAY, lastWeeks, weeklyCounts } from '../ticket-trend';
import { ColumnHeads, ErrorText, Link, Loaded, Section } from '../ui';

type HistoryTicket = ConsoleTicketHistoryQuery['tickets']['edges'][number]['node'];

/** Weeks the trend shows, and how many tickets (newest first) the screen reads at most to draw it. */
const WEEKS = 8;
const MAX_TICKETS = 1000;

interface HistoryState {
  tickets: HistoryTicket[] | null;
  /** More tickets exist than were read (MAX_TICKETS). */
  partial: boolean;
  error: RequestError | null;
  reload(): void;
}

/**
 * The desk's recent tickets, page by page (100 a request), newest first, back to a ticket created before
 * the weeks the trend shows less four more (a ticket opened then may breach or be resolved within them).
 */
function useTicketHistory(): HistoryState {
  const [state, setState] = useState<Omit<HistoryState, 'reload'>>({
    tickets: null,
    partial: false,
    error: null,
  });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the reload trigger
  useEffect(() => {
    let cancelled = false;
    const oldest = Date.now() - (WEEKS + 4) * 7 * DAY;
    (async () => {
      const tickets: HistoryTicket[] = [];
      let after: string | null = null;
      let more = true;
      while (more && tickets.length < MAX_TICKETS) {
        const { data }: Result<ConsoleTicketHistoryQuery> = await request(TicketHistory, { after });
        if (!data) break;
        tickets.push(...data.tickets.edges.map((e) => e.node));
        more = data.tickets.pageInfo.hasNextPage;
        after = data.tickets.pageInfo.endCursor ?? null;
        const last = tickets.at(-1);
        if (last && new Date(last.createdAt).getTime() < oldest) break;
      }
      if (!cancelled) setState({ tickets, partial: more && tickets.length >= MAX_TICKETS, error: null });
    })().catch((error: unknown) => {
      if (!cancelled)
        setState({
          tickets: null,
          partial: false,
          error: error instanceof RequestError ? error : new RequestError(String(error)),
        });
    });
    return () => {
      cancelled = true;
    };
  }, [tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** The SLA breaches list and the weekly trend, from one read of the desk's recent tickets. */
export function DeskInsights() {
  const history = useTicketHistory();
  const { t } = useI18n();
  const loadState = {
    data: history.tickets,
    errors: [],
    error: history.error,
    loading: !history.tickets && !history.error,
    reload: history.reload,
  };
  return (
    <div className="columns">
      <Section title={t('breaches.title')} id="sla-breaches">
        <Loaded state={loadState} what={t('breaches.theBreaches')}>
          {(tickets) => <BreachList tickets={tickets.filter((ticket) => ticket.sla.breached)} />}
        </Loaded>
      </Section>
      <Section title={t('trend.title')} id="ticket-trend">
        <Loaded state={loadState} what={t('trend.theTrend')}>
          {(tickets) => <Trend tickets={tickets} partial={history.partial} />}
        </Loaded>
      </Section>
    </div>
  );
}

function BreachList({ tickets }: { tickets: HistoryTicket[] }) {
  // Most recently breached first.
  const sorted = [...tickets].sort((a, b) => b.sla.resolutionDueAt.localeCompare(a.sla.resolutionDueAt));
  const { rows, pager } = usePages(sorted, 10);
  const { t, label, date } = useI18n();
  if (tickets.length === 0) return <p>{t('breaches.none')}</p>;
  return (
    <>
      <p aria-live="polite">{t('breaches.count', { count: tickets.length })}</p>
      <table data-testid="breaches">
        <ColumnHeads
          columns={[
            t('desk.ticket'),
            t('desk.ticketTitle'),
            t('desk.priority'),
            t('breaches.status'),
            t('breaches.assignee'),
            t('breaches.due'),
          ]}
        />
        <tbody>
          {rows.map((ticket) => (
            <tr key={ticket.id}>
              <td>
                <Link to={`/service-desk/${ticket.id}`}>{ticket.number}</Link>
              </td>
              <td>{ticket.title}</td>
              <td>{ticket.priority}</td>
              <td>{label('TicketStatus', ticket.status)}</td>
              <td>
                {ticket.assignee
                  ? `${ticket.assignee.givenName} ${ticket.assignee.familyName}`
                  : t('assign.nobody')}
              </td>
              <td>{date(ticket.sla.resolutionDueAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pager}
    </>
  );
}

function Trend({ tickets, partial }: { tickets: HistoryTicket[]; partial: boolean }) {
  const { t, shortDate } = useI18n();
  const counts = weeklyCounts(tickets, lastWeeks(WEEKS));
  return (
    <>
      <LineChart
        title={t('trend.chart', { weeks: WEEKS })}
        testId="ticket-trend"
        xLabel={t('trend.week')}
        series={[t('trend.opened'), t('trend.resolved'), t('trend.breached')]}
        points={counts.map((c) => ({
          x: shortDate(c.week),
          label: t('trend.weekOf', { date: shortDate(c.week) }),
          values: c.values,
        }))}
      />
      {partial && <p className="note">{t('trend.partial', { count: tickets.length })}</p>}
    </>
  );
}

/** Who works the ticket; an agent hands it to another agent on the roster (or to nobody). */
export function Reassign({
  ticketId,
  assignee,
  session,
  onChanged,
}: {
  ticketId: string;
  assignee: { id: string; givenName: string; familyName: string } | null | undefined;
  session: Session;
  onChanged(): void;
}) {
  const agent = hasRole(session, 'it_agent');
  const agents = useQuery(Agents, undefined, { skip: !agent });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();

  async function assign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = String(new FormData(event.currentTarget).get('assignee') ?? '');
    setBusy(true);
    setError(null);
    try {
      await mutate(AssignTicket, { id: ticketId, assignee: chosen || null });
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t('assign.title')} id="assignee">
      <p data-testid="assignee">
        {assignee
          ? t('assign.current', { name: `${assignee.givenName} ${assignee.familyName}` })
          : t('assign.nobody')}
      </p>
      {agent ? (
        <Loaded state={agents} what={t('assign.theAgents')}>
          {(data) =>
            data.agents.length === 0 ? (
              <p>{t('assign.noAgents')}</p>
            ) : (
              <form onSubmit={assign} className="inline-form">
                <label htmlFor="assign-to">{t('assign.to')}</label>{' '}
                <select
                  id="assign-to"
                  name="assignee"
                  defaultValue={assignee?.id ?? ''}
                  key={assignee?.id ?? ''}
                >
                  <option value="">{t('assign.unassign')}</option>
                  {data.agents.map(({ employee, lead }) => {
                    const name = `${employee.givenName} ${employee.familyName}`;
                    return (
                      <option key={employee.id} value={employee.id}>
                        {lead ? t('assign.lead', { name }) : name}
                      </option>
                    );
                  })}
                </select>{' '}
                <button type="submit" disabled={busy}>
                  {t('assign.submit')}
                </button>
              </form>
            )
          }
        </Loaded>
      ) : (
        <p className="note">{t('assign.agentsOnly')}</p>
      )}
      <ErrorText error={error} />
    </Section>
  );
}
