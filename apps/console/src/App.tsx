import { useEffect, useState } from 'react';
import { hasRole, loadSession, type Session, signOut } from './auth';
import type { MessageKey } from './i18n/catalogue';
import { LanguageSwitch, useI18n } from './i18n/context';
import { navigate, usePath } from './router';
import { Compliance } from './screens/Compliance';
import { Documents } from './screens/Documents';
import { EmployeeScreen } from './screens/Employee';
import { LeaveScreen } from './screens/Leave';
import { Ledger } from './screens/Ledger';
import { Callback, Login } from './screens/Login';
import { MyWork } from './screens/MyWork';
import { CATALOG_READERS } from './screens/CatalogParts';
import { PriceListsScreen } from './screens/PriceLists';
import { ProductScreen } from './screens/Product';
import { Products } from './screens/Products';
import { StockScreen } from './screens/Stock';
import { PAYROLL_ROLES, PayrollRunScreen, PayrollRuns } from './screens/Payroll';
import { People } from './screens/People';
import { REPORT_ROLES, Reports } from './screens/Reports';
import { ServiceDesk, TicketScreen } from './screens/ServiceDesk';
import { WORKPLACE_ROLES, WorkplaceCostScreen } from './screens/WorkplaceCost';
import { Link } from './ui';

interface Screen {
  path: string;
  label: MessageKey & `nav.${string}`;
  /** Roles that see the menu entry (the gateway enforces the real rules). */
  roles?: string[];
}

const SCREENS: Screen[] = [
  { path: '/people', label: 'nav.people' },
  { path: '/my-work', label: 'nav.myWork' },
  { path: '/service-desk', label: 'nav.serviceDesk', roles: ['it_agent'] },
  { path: '/documents', label: 'nav.documents' },
  { path: '/leave', label: 'nav.leave' },
  { path: '/payroll', label: 'nav.payroll', roles: PAYROLL_ROLES },
  { path: '/ledger', label: 'nav.ledger', roles: ['accountant', 'controller'] },
  { path: '/reports', label: 'nav.reports', roles: REPORT_ROLES },
  { path: '/workplace-cost', label: 'nav.workplaceCost', roles: WORKPLACE_ROLES },
  { path: '/compliance', label: 'nav.compliance', roles: ['compliance_officer', 'analyst'] },
  { path: '/products', label: 'nav.products', roles: CATALOG_READERS },
  { path: '/price-lists', label: 'nav.priceLists', roles: CATALOG_READERS },
  { path: '/stock', label: 'nav.stock', roles: CATALOG_READERS },
];

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(loadSession);
  const { t } = useI18n();

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
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">Backoffice</span>
        <nav aria-label={t('app.mainNavigation')}>
          <ul>
            {SCREENS.filter((s) => !s.roles || hasRole(session, ...s.roles)).map((s) => (
              <li key={s.path}>
                <Link to={s.path} aria-current={path.startsWith(s.path) ? 'page' : undefined}>
                  {t(s.label)}
                </Link>
              </li>
            ))}
            <li>
              <a href="/graphiql">{t('nav.workbench')}</a>
            </li>
          </ul>
        </nav>
        <span className="who" data-testid="who">
          {session.sub} ({session.roles.join(', ')})
        </span>
        <LanguageSwitch />
        <button
          type="button"
          onClick={() => {
            signOut();
            setSession(null);
            navigate('/login');
          }}
        >
          {t('app.signOut')}
        </button>
      </header>
      <main id="main">
        <Route path={path} session={session} />
      </main>
    </>
  );
}

function Route({ path, session }: { path: string; session: Session }) {
  const { t } = useI18n();
  const employee = /^\/people\/([\w-]+)$/.exec(path);
  if (employee) return <EmployeeScreen id={employee[1]} session={session} />;
  const ticket = /^\/service-desk\/([\w-]+)$/.exec(path);
  if (ticket) return <TicketScreen id={ticket[1]} session={session} />;
  const payrollRun = /^\/payroll\/([\w-]+)$/.exec(path);
  if (payrollRun) return <PayrollRunScreen id={payrollRun[1]} session={session} />;
  const product = /^\/products\/([\w-]+)$/.exec(path);
  if (product) return <ProductScreen id={product[1]} session={session} />;
  const priceList = /^\/price-lists\/([\w-]+)$/.exec(path);
  if (priceList) return <PriceListsScreen listId={priceList[1]} session={session} />;
  if (path.startsWith('/products')) return <Products session={session} />;
  if (path.startsWith('/price-lists')) return <PriceListsScreen session={session} />;
  if (path.startsWith('/stock')) return <StockScreen session={session} />;
  if (path.startsWith('/people')) return <People session={session} />;
  if (path.startsWith('/my-work')) return <MyWork session={session} />;
  if (path.startsWith('/service-desk')) return <ServiceDesk />;
  if (path.startsWith('/documents')) return <Documents session={session} />;
  if (path.startsWith('/ledger')) return <Ledger session={session} />;
  if (path.startsWith('/reports')) return <Reports session={session} />;
  if (path.startsWith('/workplace-cost')) return <WorkplaceCostScreen session={session} />;
  if (path.startsWith('/compliance')) return <Compliance />;
  if (path.startsWith('/payroll')) return <PayrollRuns session={session} />;
  if (path.startsWith('/leave')) return <LeaveScreen session={session} />;
  return (
    <>
      <h1 tabIndex={-1}>{t('app.notFound')}</h1>
      <p>{t('app.noScreenAt', { path })}</p>
    </>
  );
}
