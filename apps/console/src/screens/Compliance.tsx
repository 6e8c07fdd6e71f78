import { type FormEvent, useState } from 'react';
import { useQuery } from '../api';
import { BarChart } from '../charts';
import { useI18n } from '../i18n/context';
import { AuditTrail, ComplianceOverview } from '../operations';
import { Loaded, Section } from '../ui';

export function Compliance() {
  const overview = useQuery(ComplianceOverview);
  const [filter, setFilter] = useState<{ type?: string; source?: string; actor?: string; subject?: string }>(
    {},
  );
  const audit = useQuery(AuditTrail, { filter });
  const { t, date } = useI18n();

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: typeof filter = {};
    for (const key of ['type', 'source', 'actor', 'subject'] as const) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next[key] = value;
    }
    setFilter(next);
  }

  return (
    <>
      <h1 tabIndex={-1}>{t('compliance.title')}</h1>
      <Loaded state={overview} what={t('compliance.theOverview')}>
        {(data) => (
          <div className="columns">
            <Section title={t('compliance.verification')}>
              <p className={data.verifyAuditTrail.valid ? 'ok' : 'error'} data-testid="verification">
                {data.verifyAuditTrail.valid
                  ? t('compliance.chainIntact', { count: data.verifyAuditTrail.checked })
                  : t('compliance.chainBroken', {
                      sequence: data.verifyAuditTrail.firstInvalidSequence ?? '?',
                    })}
              </p>
            </Section>
            <Section title={t('compliance.findings')}>
              <BarChart
                title={t('compliance.openFindings')}
                bars={[
                  { label: t('compliance.pendingApprovals'), value: data.complianceCounts.pendingApprovals },
                  {
                    label: t('compliance.approvalsLate'),
                    value: data.complianceCounts.approvalsPastDeadline,
                  },
                  {
                    label: t('compliance.acksOverdue'),
                    value: data.complianceCounts.overdueAcknowledgements,
                  },
                  { label: t('compliance.legalHolds'), value: data.complianceCounts.activeLegalHolds },
                  { label: t('compliance.slaBreaches'), value: data.complianceCounts.ticketSlaBreaches },
                ]}
              />
              {data.complianceFindings.length > 0 && (
                <ul>
                  {data.complianceFindings.map((f) => (
                    <li key={f.kind}>
                      {f.description} ({f.count})
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
        )}
      </Loaded>
      <Section title={t('compliance.auditTrail')}>
        <form className="filters" onSubmit={applyFilter} aria-label={t('compliance.filter')}>
          <label>
            {t('compliance.eventType')}
            <input name="type" placeholder="backoffice.hr.employee.hired" />
          </label>
          <label>
            {t('compliance.source')}
            <input name="source" placeholder="/backoffice/hr" />
          </label>
          <label>
            {t('compliance.actor')}
            <input name="actor" />
          </label>
          <label>
            {t('compliance.subject')}
            <input name="subject" />
          </label>
          <button type="submit">{t('compliance.apply')}</button>
        </form>
        <Loaded state={audit} what={t('compliance.theAuditTrail')}>
          {(data) => (
            <>
              <p aria-live="polite">{t('compliance.entries', { count: data.auditTrail.totalCount })}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('compliance.time')}</th>
                    <th scope="col">{t('compliance.type')}</th>
                    <th scope="col">{t('compliance.source')}</th>
                    <th scope="col">{t('compliance.actor')}</th>
                    <th scope="col">{t('compliance.subject')}</th>
                    <th scope="col">{t('compliance.hash')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.auditTrail.edges.map(({ node }) => (
                    <tr key={node.sequence}>
                      <td>{node.sequence}</td>
                      <td>{date(node.time)}</td>
                      <td>{node.type}</td>
                      <td>{node.source}</td>
                      <td>{node.actor ?? '—'}</td>
                      <td>{node.subject ?? '—'}</td>
                      <td>
                        <code>{node.hash.slice(0, 12)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Loaded>
      </Section>
    </>
  );
}
