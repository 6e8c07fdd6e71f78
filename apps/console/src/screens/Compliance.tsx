import { type FormEvent, useState } from 'react';
import { useQuery } from '../api';
import { BarChart } from '../charts';
import { AuditTrail, ComplianceOverview } from '../operations';
import { formatDate, Loaded, Section } from '../ui';

export function Compliance() {
  const overview = useQuery(ComplianceOverview);
  const [filter, setFilter] = useState<{ type?: string; source?: string; actor?: string; subject?: string }>(
    {},
  );
  const audit = useQuery(AuditTrail, { filter });

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
      <h1 tabIndex={-1}>Compliance</h1>
      <Loaded state={overview} what="the compliance overview">
        {(data) => (
          <div className="columns">
            <Section title="Audit trail verification">
              <p className={data.verifyAuditTrail.valid ? 'ok' : 'error'} data-testid="verification">
                {data.verifyAuditTrail.valid
                  ? `Hash chain intact: ${data.verifyAuditTrail.checked} entries checked.`
                  : `Hash chain broken at entry ${data.verifyAuditTrail.firstInvalidSequence}.`}
              </p>
            </Section>
            <Section title="Findings">
              <BarChart
                title="Open findings"
                bars={[
                  { label: 'Pending approvals', value: data.complianceCounts.pendingApprovals },
                  { label: 'Approvals late', value: data.complianceCounts.approvalsPastDeadline },
                  { label: 'Acks overdue', value: data.complianceCounts.overdueAcknowledgements },
                  { label: 'Legal holds', value: data.complianceCounts.activeLegalHolds },
                  { label: 'SLA breaches', value: data.complianceCounts.ticketSlaBreaches },
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
      <Section title="Audit trail">
        <form className="filters" onSubmit={applyFilter} aria-label="Filter the audit trail">
          <label>
            Event type
            <input name="type" placeholder="backoffice.hr.employee.hired" />
          </label>
          <label>
            Source
            <input name="source" placeholder="/backoffice/hr" />
          </label>
          <label>
            Actor
            <input name="actor" />
          </label>
          <label>
            Subject
            <input name="subject" />
          </label>
          <button type="submit">Filter</button>
        </form>
        <Loaded state={audit} what="the audit trail">
          {(data) => (
            <>
              <p aria-live="polite">{data.auditTrail.totalCount} entries</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Time</th>
                    <th scope="col">Type</th>
                    <th scope="col">Source</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Hash</th>
                  </tr>
                </thead>
                <tbody>
                  {data.auditTrail.edges.map(({ node }) => (
                    <tr key={node.sequence}>
                      <td>{node.sequence}</td>
                      <td>{formatDate(node.time)}</td>
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
