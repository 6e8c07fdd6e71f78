import { failureOf, fieldError, useQuery } from '../api';
import type { Session } from '../auth';
import type { MessageKey } from '../i18n/catalogue';
import { useI18n } from '../i18n/context';
import { Employee } from '../operations';
import { ErrorText, Link, Loaded, NotVisible, Section } from '../ui';
import { DocumentTable } from './Documents';
import { TicketTable } from './ServiceDesk';

/** One query pulls the whole page together: hr's record, IT's tickets and assets, documents, compliance. */
export function EmployeeScreen({ id, session }: { id: string; session: Session }) {
  const state = useQuery(Employee, { id });
  const { t, label, money, decimal, date } = useI18n();
  /** A section's own state: the part, or why it is missing (not visible to the role, or an error). */
  function part<T>(
    alias: keyof typeof labels,
    value: T | null | undefined,
    render: (value: T) => React.ReactNode,
  ) {
    const error = fieldError(state.errors, alias);
    if (error?.extensions?.code === 'FORBIDDEN') return <NotVisible what={t(labels[alias])} />;
    if (value === null || value === undefined) {
      const lead = t('common.partFailed', { what: t(labels[alias]) });
      return error ? <ErrorText error={failureOf(error)} lead={lead} /> : <p className="error">{lead}</p>;
    }
    return render(value);
  }

  return (
    <Loaded state={state} what={t('employee.theEmployee')}>
      {(data) => {
        const e = data.employee;
        if (!e) {
          const error = fieldError(state.errors, 'employee');
          return (
            <>
              <h1 tabIndex={-1}>{t('employee.notFound')}</h1>
              <ErrorText error={error ? failureOf(error) : t('employee.noSuch', { id })} />
            </>
          );
        }
        return (
          <>
            <h1 tabIndex={-1}>
              {e.givenName} {e.familyName}
            </h1>
            <p>
              {e.email} · {e.department?.name ?? t('employee.noDepartment')} ·{' '}
              {label('WorkLocation', e.workLocation)} · {label('EmployeeStatus', e.status)} ·{' '}
              {t('employee.since', { date: date(e.startDate) })}
              {e.manager && (
                <>
                  {' '}
                  · {t('employee.manager')}{' '}
                  <Link to={`/people/${e.manager.id}`}>
                    {e.manager.givenName} {e.manager.familyName}
                  </Link>
                </>
              )}
              {session.employeeId === e.id && ` · ${t('employee.thisIsYou')}`}
            </p>
            <div className="columns">
              <Section title={t('employee.contract')}>
                {part('contract', data.contract, ({ contract }) =>
                  contract ? (
                    <dl>
                      <dt>{t('employee.monthlySalary')}</dt>
                      <dd data-testid="monthly-salary">{money(contract.monthlySalary, contract.currency)}</dd>
                      <dt>{t('employee.fte')}</dt>
                      <dd>{decimal(contract.fte)}</dd>
                      <dt>{t('employee.weeklyHours')}</dt>
                      <dd>{decimal(contract.weeklyHours)}</dd>
                      <dt>{t('employee.contractSince')}</dt>
                      <dd>{date(contract.startDate)}</dd>
                    </dl>
                  ) : fieldError(state.errors, 'contract')?.extensions?.code === 'FORBIDDEN' ? null : (
                    <p>{t('employee.noContract')}</p>
                  ),
                )}
              </Section>
              <Section title={t('employee.leave')}>
                {part('leave', data.leave, ({ leaveBalance: b }) => (
                  <dl>
                    <dt>{t('employee.entitled', { year: b.year })}</dt>
                    <dd>{t('common.days', { count: b.entitled })}</dd>
                    <dt>{t('employee.taken')}</dt>
                    <dd>{t('common.days', { count: b.taken })}</dd>
                    <dt>{t('employee.planned')}</dt>
                    <dd>{t('common.days', { count: b.planned })}</dd>
                    <dt>{t('employee.pending')}</dt>
                    <dd>{t('common.days', { count: b.pending })}</dd>
                    <dt>{t('employee.remaining')}</dt>
                    <dd>{t('common.days', { count: b.remaining })}</dd>
                  </dl>
                ))}
              </Section>
            </div>
            <Section title={t('employee.tickets')}>
              {part('tickets', data.tickets?.tickets, (tickets) =>
                tickets.length > 0 ? <TicketTable tickets={tickets} /> : <p>{t('employee.noTickets')}</p>,
              )}
            </Section>
            <Section title={t('employee.assets')}>
              {part('assets', data.assets?.assets, (assets) =>
                assets.length > 0 ? (
                  <ul>
                    {assets.map((a) => (
                      <li key={a.id}>
                        {a.tag}: {a.model} ({label('AssetKind', a.kind)}, {label('AssetStatus', a.status)})
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>{t('employee.noAssets')}</p>
                ),
              )}
            </Section>
            <Section title={t('employee.documents')}>
              {part('documents', data.documents?.documents, (documents) =>
                documents.length > 0 ? (
                  <DocumentTable documents={documents} />
                ) : (
                  <p>{t('employee.noDocuments')}</p>
                ),
              )}
            </Section>
            <Section title={t('employee.pendingAcknowledgements')}>
              {part('acknowledgements', data.acknowledgements?.acknowledgements, (acknowledgements) => {
                const pending = acknowledgements.filter((a) => !a.acknowledgedAt);
                return pending.length > 0 ? (
                  <ul>
                    {pending.map((a) => (
                      <li key={`${a.policyId}-${a.version}`}>
                        {t('employee.askedOn', {
                          policy: a.policy?.title ?? a.policyId,
                          version: a.version,
                          date: date(a.requestedAt),
                        })}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>{t('employee.nothingPending')}</p>
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
  contract: 'employee.contract',
  leave: 'employee.leave',
  tickets: 'employee.tickets',
  assets: 'employee.assets',
  documents: 'employee.documents',
  acknowledgements: 'employee.acknowledgements',
} satisfies Record<string, MessageKey>;
