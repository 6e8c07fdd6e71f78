import { type FormEvent, useState } from 'react';
import { mutate, useQuery } from '../api';
import type { EmployeeStatus, WorkLocation } from '../generated/graphql';
import { hasRole, type Session } from '../auth';
import { BarChart } from '../charts';
import { useI18n } from '../i18n/context';
import { toCents } from '../money';
import { Directory, HireEmployee } from '../operations';
import { navigate } from '../router';
import { ErrorText, Link, Loaded, Section } from '../ui';

const PAGE = 25;
const STATUSES = ['ACTIVE', 'TERMINATED'];
const WORK_LOCATIONS = ['OFFICE', 'HYBRID', 'REMOTE'];

function WorkLocationOptions() {
  const { label } = useI18n();
  return (
    <>
      {WORK_LOCATIONS.map((w) => (
        <option key={w} value={w}>
          {label('WorkLocation', w)}
        </option>
      ))}
    </>
  );
}

export function People({ session }: { session: Session }) {
  const [search, setSearch] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [status, setStatus] = useState<EmployeeStatus | ''>('ACTIVE');
  const [workLocation, setWorkLocation] = useState<WorkLocation | ''>('');
  const [after, setAfter] = useState<string | null>(null);
  const filter = {
    ...(search ? { search } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(status ? { status } : {}),
    ...(workLocation ? { workLocation } : {}),
  };
  const state = useQuery(Directory, { first: PAGE, after, filter });
  const departments = state.data?.departments ?? [];
  const { t, label } = useI18n();

  return (
    <>
      <h1 tabIndex={-1}>{t('people.title')}</h1>
      <search>
        <form className="filters" aria-label={t('people.filter')} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('people.search')}
            <input
              type="search"
              value={search}
              placeholder={t('people.searchPlaceholder')}
              onChange={(e) => {
                setSearch(e.target.value);
                setAfter(null);
              }}
            />
          </label>
          <label>
            {t('people.department')}
            <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
              <option value="">{t('common.all')}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('people.status')}
            <select value={status} onChange={(e) => setStatus(e.target.value as EmployeeStatus | '')}>
              <option value="">{t('common.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label('EmployeeStatus', s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('people.workLocation')}
            <select
              value={workLocation}
              onChange={(e) => setWorkLocation(e.target.value as WorkLocation | '')}
            >
              <option value="">{t('common.all')}</option>
              <WorkLocationOptions />
            </select>
          </label>
        </form>
      </search>
      <div className="columns">
        <Section title={t('people.directory')}>
          <Loaded state={state} what={t('people.theDirectory')}>
            {(data) => (
              <>
                <p aria-live="polite">{t('people.count', { count: data.employees.totalCount })}</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('people.name')}</th>
                      <th scope="col">{t('people.email')}</th>
                      <th scope="col">{t('people.department')}</th>
                      <th scope="col">{t('people.location')}</th>
                      <th scope="col">{t('people.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.employees.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>
                          <Link to={`/people/${node.id}`}>
                            {node.givenName} {node.familyName}
                          </Link>
                        </td>
                        <td>{node.email}</td>
                        <td>{node.department?.name ?? '—'}</td>
                        <td>{label('WorkLocation', node.workLocation)}</td>
                        <td>{label('EmployeeStatus', node.status)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="pager">
                  {after && (
                    <button type="button" onClick={() => setAfter(null)}>
                      {t('common.firstPage')}
                    </button>
                  )}
                  {data.employees.pageInfo.hasNextPage && (
                    <button type="button" onClick={() => setAfter(data.employees.pageInfo.endCursor)}>
                      {t('common.nextPage')}
                    </button>
                  )}
                </div>
              </>
            )}
          </Loaded>
        </Section>
        <Section title={t('people.headcount')}>
          <Loaded state={state} what={t('people.theDepartments')}>
            {(data) => (
              <BarChart
                title={t('people.headcountChart')}
                bars={data.departments.map((d) => ({ label: d.name, value: d.headcount }))}
              />
            )}
          </Loaded>
        </Section>
      </div>
      {hasRole(session, 'hr') && (
        <HireForm departments={departments} onHired={(id) => navigate(`/people/${id}`)} />
      )}
    </>
  );
}

function HireForm({
  departments,
  onHired,
}: {
  departments: { id: string; name: string }[];
  onHired(id: string): void;
}) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t, amountInput } = useI18n();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const monthlySalary = amountInput(value('monthlySalary'));
    if (!monthlySalary || toCents(monthlySalary) === null) {
      setError(t('hire.badSalary'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await mutate(HireEmployee, {
        input: {
          givenName: value('givenName'),
          familyName: value('familyName'),
          email: value('email'),
          departmentId: value('departmentId'),
          startDate: value('startDate'),
          workLocation: value('workLocation') as WorkLocation,
          contract: {
            monthlySalary,
            currency: 'EUR',
            fte: Number(value('fte') || '1'),
          },
        },
      });
      onHired(result.hireEmployee.id);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t('hire.title')}>
      <form className="grid-form" onSubmit={submit}>
        <label>
          {t('hire.givenName')}
          <input name="givenName" required />
        </label>
        <label>
          {t('hire.familyName')}
          <input name="familyName" required />
        </label>
        <label>
          {t('hire.email')}
          <input name="email" type="email" required />
        </label>
        <label>
          {t('people.department')}
          <select name="departmentId" required>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('hire.startDate')}
          <input name="startDate" type="date" required />
        </label>
        <label>
          {t('people.workLocation')}
          <select name="workLocation">
            <WorkLocationOptions />
          </select>
        </label>
        <label>
          {t('hire.monthlySalary')}
          <input name="monthlySalary" inputMode="decimal" required />
        </label>
        <label>
          {t('hire.fte')}
          <input name="fte" type="number" min="0.1" max="1" step="0.1" defaultValue="1" />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? t('hire.submitting') : t('hire.submit')}
        </button>
      </form>
      <ErrorText error={error} />
    </Section>
  );
}
