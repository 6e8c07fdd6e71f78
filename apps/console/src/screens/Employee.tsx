import { fieldError, useQuery } from '../api';
import type { Session } from '../auth';
import { Employee } from '../operations';
import { formatDate, Link, Loaded, NotVisible, Section } from '../ui';
import { DocumentTable } from './Documents';
import { TicketTable } from './ServiceDesk';

/** One query pulls the whole page together: hr's record, IT's tickets and assets, documents, compliance. */
export function EmployeeScreen({ id, session }: { id: string; session: Session }) {
  const state = useQuery(Employee, { id });
  /** A section's own state: the part, or why it is missing (not visible to the role, or an error). */
  function part<T>(
    alias: keyof typeof labels,
    value: T | null | undefined,
    render: (value: T) => React.ReactNode,
  ) {
    const error = fieldError(state.errors, alias);
    if (error?.extensions?.code === 'FORBIDDEN') return <NotVisible what={labels[alias]} />;
    if (value === null || value === undefined)
      return (
        <p className="error">
          {labels[alias]} could not be loaded{error ? `: ${error.message}` : ''}
        </p>
      );
    return render(value);
  }

  return (
    <Loaded state={state} what="the employee">
      {(data) => {
        const e = data.employee;
        if (!e)
          return (
            <>
              <h1 tabIndex={-1}>Employee not found</h1>
              <p className="error" role="alert">
                {fieldError(state.errors, 'employee')?.message ?? `No employee ${id}.`}
              </p>
            </>
          );
        return (
          <>
            <h1 tabIndex={-1}>
              {e.givenName} {e.familyName}
            </h1>
            <p>
              {e.email} · {e.department?.name ?? 'no department'} · {e.workLocation} · {e.status} · since{' '}
              {e.startDate}
              {e.manager && (
                <>
                  {' '}
                  · manager{' '}
                  <Link to={`/people/${e.manager.id}`}>
                    {e.manager.givenName} {e.manager.familyName}
                  </Link>
                </>
              )}
              {session.employeeId === e.id && ' · this is you'}
            </p>
            <div className="columns">
              <Section title="Contract">
                {part('contract', data.contract, ({ contract }) =>
                  contract ? (
                    <dl>
                      <dt>Monthly salary</dt>
                      <dd>
                        {contract.currency} {contract.monthlySalary}
                      </dd>
                      <dt>FTE</dt>
                      <dd>{contract.fte}</dd>
                      <dt>Weekly hours</dt>
                      <dd>{contract.weeklyHours}</dd>
                      <dt>Since</dt>
                      <dd>{contract.startDate}</dd>
                    </dl>
                  ) : fieldError(state.errors, 'contract')?.extensions?.code === 'FORBIDDEN' ? null : (
                    <p>No contract in force.</p>
                  ),
                )}
              </Section>
              <Section title="Leave balance">
                {part('leave', data.leave, ({ leaveBalance: b }) => (
                  <dl>
                    <dt>Entitled ({b.year})</dt>
                    <dd>{b.entitled} days</dd>
                    <dt>Taken</dt>
                    <dd>{b.taken}</dd>
                    <dt>Planned</dt>
                    <dd>{b.planned}</dd>
                    <dt>Pending</dt>
                    <dd>{b.pending}</dd>
                    <dt>Remaining</dt>
                    <dd>{b.remaining}</dd>
                  </dl>
                ))}
              </Section>
            </div>
            <Section title="Tickets">
              {part('tickets', data.tickets, ({ tickets }) =>
                tickets.length > 0 ? <TicketTable tickets={tickets} /> : <p>No tickets.</p>,
              )}
            </Section>
            <Section title="Assets">
              {part('assets', data.assets, ({ assets }) =>
                assets.length > 0 ? (
                  <ul>
                    {assets.map((a) => (
                      <li key={a.id}>
                        {a.tag}: {a.model} ({a.kind}, {a.status})
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>No assets assigned.</p>
                ),
              )}
            </Section>
            <Section title="Documents">
              {part('documents', data.documents, ({ documents }) =>
                documents.length > 0 ? <DocumentTable documents={documents} /> : <p>No documents.</p>,
              )}
            </Section>
            <Section title="Pending acknowledgements">
              {part('acknowledgements', data.acknowledgements, ({ acknowledgements }) => {
                const pending = acknowledgements.filter((a) => !a.acknowledgedAt);
                return pending.length > 0 ? (
                  <ul>
                    {pending.map((a) => (
                      <li key={`${a.policyId}-${a.version}`}>
                        {a.policy?.title ?? a.policyId} v{a.version}, asked {formatDate(a.requestedAt)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Nothing pending.</p>
                );
              })}
            </Section>
          </>
        );
      }}
    </Loaded>
  );
}

const labels = {
  contract: 'Contract',
  leave: 'Leave balance',
  tickets: 'Tickets',
  assets: 'Assets',
  documents: 'Documents',
  acknowledgements: 'Acknowledgements',
};
