import { ROLES } from '@backoffice/kit/roles';
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
import { RequestError } from '../failure';
import { LanguageSwitch, useI18n } from '../i18n/context';
import { LoginDirectory } from '../operations';
import { navigate } from '../router';
import { ErrorText } from '../ui';

/** Sign-in: the identity provider when OIDC_ISSUER is set, the dev login otherwise (never in production). */
export function Login({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [options, setOptions] = useState<LoginOptions | null>(null);
  const [roles, setRoles] = useState<string[]>(['hr']);
  const [employeeId, setEmployeeId] = useState('');
  const [directory, setDirectory] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();

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
      if (!session) throw new RequestError('the token could not be read', 'SIGN_IN_FAILED');
      onSignedIn(session);
      navigate('/people');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <LanguageSwitch />
      <h1 tabIndex={-1}>{t('login.title')}</h1>
      {!options && (
        <p role="status" className="loading">
          {t('login.loadingOptions')}
        </p>
      )}
      {options?.oidc && (
        <p>
          <button type="button" onClick={() => startOidcLogin(options.oidc!).catch(setError)}>
            {t('login.withProvider', { host: new URL(options.oidc.issuer).host })}
          </button>
        </p>
      )}
      {options?.devLogin && (
        <form onSubmit={submit} aria-describedby="dev-login-note">
          <p id="dev-login-note" className="note">
            {t('login.devNote')}
          </p>
          <fieldset>
            <legend>{t('login.roles')}</legend>
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
                {t(`role.${role}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor="employee">{t('login.employee')}</label>
          <select id="employee" value={employeeId} onChange={(e) => setEmployeeId(e.target.value)}>
            <option value="">{t('login.noEmployee')}</option>
            {directory.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          <label htmlFor="employee-id">{t('login.employeeId')}</label>
          <input id="employee-id" value={employeeId} onChange={(e) => setEmployeeId(e.target.value.trim())} />
          <button type="submit" disabled={busy || roles.length === 0}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      )}
      {options && !options.devLogin && !options.oidc && (
        <p className="error" role="alert">
          {t('login.notConfigured')}
        </p>
      )}
      <ErrorText error={error} />
    </main>
  );
}

/** /console/callback: the identity provider sends the browser back here with a code. */
export function Callback({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [error, setError] = useState<unknown>(null);
  const { t } = useI18n();
  useEffect(() => {
    (async () => {
      const options = await loginOptions();
      if (!options.oidc)
        throw new RequestError('OIDC is not configured on this gateway', 'OIDC_NOT_CONFIGURED');
      onSignedIn(await finishOidcLogin(options.oidc));
      navigate('/people');
    })().catch(setError);
  }, [onSignedIn]);
  return (
    <main id="main" className="login">
      <h1 tabIndex={-1}>{t('login.signingIn')}</h1>
      {error ? <ErrorText error={error} /> : <p role="status">{t('login.checkingProvider')}</p>}
    </main>
  );
}
