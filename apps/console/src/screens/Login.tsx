import { type FormEvent, useEffect, useState } from 'react';
import { request } from '../api';
import {
  devLogin,
  finishOidcLogin,
  type LoginOptions,
  loginOptions,
  saveToken,
  type Session,
  startOidcLogin,
} from '../auth';
import { LoginDirectory } from '../operations';
import { navigate } from '../router';
import { ErrorText } from '../ui';

const ROLES = [
  'admin',
  'hr',
  'payroll',
  'accountant',
  'controller',
  'compliance_officer',
  'it_agent',
  'analyst',
  'employee',
];

/** Sign-in: the identity provider when OIDC_ISSUER is set, the dev login otherwise (never in production). */
export function Login({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [options, setOptions] = useState<LoginOptions | null>(null);
  const [roles, setRoles] = useState<string[]>(['hr']);
  const [employeeId, setEmployeeId] = useState('');
  const [directory, setDirectory] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loginOptions().then(setOptions);
  }, []);

  // The directory to pick an employee from, read with a short-lived analyst token (dev login only).
  useEffect(() => {
    if (!options?.devLogin) return;
    (async () => {
      // Its own token, never the stored one: signing in meanwhile must not be undone.
      const token = await devLogin(['analyst'], null, 'dev-login-directory');
      const result = await request(LoginDirectory, {}, token);
      setDirectory(
        (result.data?.employees.edges ?? []).map(({ node }) => ({
          id: node.id,
          name: `${node.givenName} ${node.familyName}`,
        })),
      );
    })().catch(() => setDirectory([]));
  }, [options?.devLogin]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await devLogin(roles, employeeId || null);
      const session = saveToken(token);
      if (!session) throw new Error('the token could not be read');
      onSignedIn(session);
      navigate('/people');
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <h1 tabIndex={-1}>Sign in to the back office</h1>
      {!options && (
        <p role="status" className="loading">
          Loading sign-in options…
        </p>
      )}
      {options?.oidc && (
        <p>
          <button
            type="button"
            onClick={() => startOidcLogin(options.oidc!).catch((e: Error) => setError(e.message))}
          >
            Sign in with {new URL(options.oidc.issuer).host}
          </button>
        </p>
      )}
      {options?.devLogin && (
        <form onSubmit={submit} aria-describedby="dev-login-note">
          <p id="dev-login-note" className="note">
            Development sign-in: the gateway signs a token for the roles you choose. It is refused when
            NODE_ENV=production.
          </p>
          <fieldset>
            <legend>Roles</legend>
            {ROLES.map((role) => (
              <label key={role} className="checkbox">
                <input
                  type="checkbox"
                  name="role"
                  value={role}
                  checked={roles.includes(role)}
                  onChange={(e) => {
                    const checked = e.target.checked;
                    setRoles((current) => (checked ? [...current, role] : current.filter((r) => r !== role)));
                  }}
                />
                {role}
              </label>
            ))}
          </fieldset>
          <label htmlFor="employee">Employee (optional: who you are in the directory)</label>
          <select id="employee" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)}>
            <option value="">— none —</option>
            {directory.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          <label htmlFor="employee-id">or employee id</label>
          <input id="employee-id" value={employeeId} onChange={(e) => setEmployeeId(e.target.value.trim())} />
          <button type="submit" disabled={busy || roles.length === 0}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
      {options && !options.devLogin && !options.oidc && (
        <p className="error" role="alert">
          No sign-in is configured: set OIDC_ISSUER on the gateway.
        </p>
      )}
      <ErrorText error={error} />
    </main>
  );
}

/** /console/callback: the identity provider sends the browser back here with a code. */
export function Callback({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (async () => {
      const options = await loginOptions();
      if (!options.oidc) throw new Error('OIDC is not configured on this gateway');
      onSignedIn(await finishOidcLogin(options.oidc));
      navigate('/people');
    })().catch((e: Error) => setError(e.message));
  }, [onSignedIn]);
  return (
    <main id="main" className="login">
      <h1 tabIndex={-1}>Signing in…</h1>
      {error ? <ErrorText error={error} /> : <p role="status">Checking the identity provider's answer…</p>}
    </main>
  );
}
