import { type FormEvent, useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { BarChart } from '../charts';
import { Directory, HireEmployee } from '../operations';
import { navigate } from '../router';
import { ErrorText, Link, Loaded, Section } from '../ui';

const PAGE = 25;

export function People({ session }: { session: Session }) {
  const [search, setSearch] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [status, setStatus] = useState('ACTIVE');
  const [workLocation, setWorkLocation] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const filter = {
    ...(search ? { search } : {}),
    ...(departmentId ? { departmentId } : {}),
    ...(status ? { status } : {}),
    ...(workLocation ? { workLocation } : {}),
  };
  const state = useQuery(Directory, { first: PAGE, after, filter });
  const departments = state.data?.departments ?? [];

  return (
    <>
      <h1 tabIndex={-1}>People</h1>
      <search>
        <form className="filters" aria-label="Filter the directory" onSubmit={(e) => e.preventDefault()}>
          <label>
            Search
            <input
              type="search"
              value={search}
              placeholder="Name or email"
              onChange={(e) => {
                setSearch(e.target.value);
                setAfter(null);
              }}
            />
          </label>
          <label>
            Department
            <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
              <option value="">All</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              <option value="ACTIVE">Active</option>
              <option value="TERMINATED">Terminated</option>
            </select>
          </label>
          <label>
            Work location
            <select value={workLocation} onChange={(e) => setWorkLocation(e.target.value)}>
              <option value="">All</option>
              <option value="OFFICE">Office</option>
              <option value="HYBRID">Hybrid</option>
              <option value="REMOTE">Remote</option>
            </select>
          </label>
        </form>
      </search>
      <div className="columns">
        <Section title="Directory">
          <Loaded state={state} what="the directory">
            {(data) => (
              <>
                <p aria-live="polite">{data.employees.totalCount} employees</p>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Department</th>
                      <th scope="col">Location</th>
                      <th scope="col">Status</th>
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
                        <td>{node.workLocation}</td>
                        <td>{node.status}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="pager">
                  {after && (
                    <button type="button" onClick={() => setAfter(null)}>
                      First page
                    </button>
                  )}
                  {data.employees.pageInfo.hasNextPage && (
                    <button type="button" onClick={() => setAfter(data.employees.pageInfo.endCursor)}>
                      Next page
                    </button>
                  )}
                </div>
              </>
            )}
          </Loaded>
        </Section>
        <Section title="Headcount by department">
          <Loaded state={state} what="departments">
            {(data) => (
              <BarChart
                title="Active employees per department"
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
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
          workLocation: value('workLocation'),
          contract: {
            monthlySalary: value('monthlySalary'),
            currency: 'EUR',
            fte: Number(value('fte') || '1'),
          },
        },
      });
      onHired(result.hireEmployee.id);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Hire an employee">
      <form className="grid-form" onSubmit={submit}>
        <label>
          Given name
          <input name="givenName" required />
        </label>
        <label>
          Family name
          <input name="familyName" required />
        </label>
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Department
          <select name="departmentId" required>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Start date
          <input name="startDate" type="date" required />
        </label>
        <label>
          Work location
          <select name="workLocation">
            <option value="OFFICE">Office</option>
            <option value="HYBRID">Hybrid</option>
            <option value="REMOTE">Remote</option>
          </select>
        </label>
        <label>
          Monthly salary (EUR)
          <input name="monthlySalary" inputMode="decimal" pattern="\d+(\.\d{1,2})?" required />
        </label>
        <label>
          FTE
          <input name="fte" type="number" min="0.1" max="1" step="0.1" defaultValue="1" />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Hiring…' : 'Hire'}
        </button>
      </form>
      <ErrorText error={error} />
    </Section>
  );
}
