import { useEffect, useState } from 'react';
import { hasRole, loadSession, type Session, signOut } from './auth';
import { navigate, usePath } from './router';
import { Compliance } from './screens/Compliance';
import { Documents } from './screens/Documents';
import { EmployeeScreen } from './screens/Employee';
import { Ledger } from './screens/Ledger';
import { Callback, Login } from './screens/Login';
import { MyWork } from './screens/MyWork';
import { People } from './screens/People';
import { ServiceDesk, TicketScreen } from './screens/ServiceDesk';
import { Link } from './ui';

interface Screen {
  path: string;
  label: string;
  /** Roles that see the menu entry (the gateway enforces the real rules). */
  roles?: string[];
}

const SCREENS: Screen[] = [
  { path: '/people', label: 'People' },
  { path: '/my-work', label: 'My work' },
  { path: '/service-desk', label: 'Service desk', roles: ['it_agent'] },
  { path: '/documents', label: 'Documents' },
  { path: '/ledger', label: 'Ledger', roles: ['accountant', 'controller'] },
  { path: '/compliance', label: 'Compliance', roles: ['compliance_officer', 'analyst'] },
];

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(loadSession);

  useEffect(() => {
    if (!session && path !== '/login' && path !== '/callback') navigate('/login');
    if (session && (path === '/' || path === '/login')) navigate('/people');
  }, [session, path]);

  // Each screen's main heading takes focus on navigation, so keyboard and screen-reader users land there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path change is the trigger
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path]);

  if (path === '/callback') return <Callback onSignedIn={setSession} />;
  if (!session || path === '/login') return <Login onSignedIn={setSession} />;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Backoffice</span>
        <nav aria-label="Main">
          <ul>
            {SCREENS.filter((s) => !s.roles || hasRole(session, ...s.roles)).map((s) => (
              <li key={s.path}>
                <Link to={s.path} aria-current={path.startsWith(s.path) ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
            <li>
              <a href="/graphiql">Analyst workbench</a>
            </li>
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {session.sub} ({session.roles.join(', ')})
        </span>
        <button
          type="button"
          onClick={() => {
            signOut();
            setSession(null);
            navigate('/login');
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main">{route(path, session)}</main>
    </>
  );
}

function route(path: string, session: Session) {
  const employee = /^\/people\/([\w-]+)$/.exec(path);
  if (employee) return <EmployeeScreen id={employee[1]} session={session} />;
  const ticket = /^\/service-desk\/([\w-]+)$/.exec(path);
  if (ticket) return <TicketScreen id={ticket[1]} session={session} />;
  if (path.startsWith('/people')) return <People session={session} />;
  if (path.startsWith('/my-work')) return <MyWork session={session} />;
  if (path.startsWith('/service-desk')) return <ServiceDesk />;
  if (path.startsWith('/documents')) return <Documents session={session} />;
  if (path.startsWith('/ledger')) return <Ledger />;
  if (path.startsWith('/compliance')) return <Compliance />;
  return (
    <>
      <h1 tabIndex={-1}>Not found</h1>
      <p>There is no screen at {path}.</p>
    </>
  );
}
