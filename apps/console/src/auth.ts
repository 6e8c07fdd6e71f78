/**
 * The signed-in user: the gateway's bearer token in localStorage (shared with GraphiQL, which reads the
 * same key to pre-fill its Authorization header), and the claims the console needs to choose screens.
 * The token is only decoded here, never trusted: the gateway verifies it on every request.
 */
import { RequestError } from './failure';

export const TOKEN_KEY = 'backoffice.token';

export interface Session {
  token: string;
  sub: string;
  roles: string[];
  employeeId: string | null;
  expiresAt: number;
}

function decodePart(part: string): unknown {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function sessionFromToken(token: string): Session | null {
  try {
    const claims = decodePart(token.split('.')[1] ?? '') as Record<string, unknown>;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r) => typeof r === 'string') : [];
    const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
    if (expiresAt <= Date.now()) return null;
    return {
      token,
      sub: String(claims.sub ?? ''),
      roles,
      employeeId: typeof claims.employeeId === 'string' ? claims.employeeId : null,
      expiresAt,
    };
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  const token = localStorage.getItem(TOKEN_KEY);
  return token ? sessionFromToken(token) : null;
}

export function saveToken(token: string): Session | null {
  const session = sessionFromToken(token);
  if (session) localStorage.setItem(TOKEN_KEY, token);
  return session;
}

export function signOut(): void {
  localStorage.removeItem(TOKEN_KEY);
}

export function hasRole(session: Session | null, ...roles: string[]): boolean {
  return !!session && (session.roles.includes('admin') || roles.some((r) => session.roles.includes(r)));
}

/** What the gateway offers for signing in, and the company's country (GET /console/config.json). */
export interface LoginOptions {
  devLogin: boolean;
  oidc: { issuer: string; clientId: string; scope: string; audience: string | null } | null;
  /** ISO 3166 alpha-2 (COUNTRY); picks the console's default language. */
  country: string | null;
}

export async function loginOptions(): Promise<LoginOptions> {
  try {
    const res = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
    if (res.ok) return { country: null, ...((await res.json()) as Partial<LoginOptions>) } as LoginOptions;
  } catch {
    // The gateway is not reachable: the login page says so when the user tries.
  }
  return { devLogin: true, oidc: null, country: null };
}

/** Development only: the gateway signs a token for the chosen roles with its own HS256 secret. */
export async function devLogin(roles: string[], employeeId: string | null, sub?: string): Promise<string> {
  const res = await fetch('/console/dev-login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roles, employeeId: employeeId || undefined, sub }),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!res.ok || !body.token)
    throw new RequestError(body.error ?? `dev login refused (HTTP ${res.status})`, 'SIGN_IN_FAILED');
  return body.token;
}

// --- OIDC: authorization code flow with PKCE, for a public client (no secret in the browser). ---

const OIDC_STATE = 'backoffice.oidc';

function randomString(bytes = 32): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...data))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function challengeOf(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok)
    throw new RequestError(
      `the identity provider answered ${res.status} for its configuration`,
      'SIGN_IN_FAILED',
    );
  return (await res.json()) as Discovery;
}

export function callbackUrl(): string {
  return `${location.origin}/console/callback`;
}

/** Sends the browser to the identity provider; it comes back to /console/callback with a code. */
export async function startOidcLogin(oidc: NonNullable<LoginOptions['oidc']>): Promise<void> {
  const { authorization_endpoint } = await discover(oidc.issuer);
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(OIDC_STATE, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: callbackUrl(),
    scope: oidc.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
    ...(oidc.audience ? { audience: oidc.audience } : {}),
  }).toString();
  location.assign(url.toString());
}

/** On /console/callback: checks the state, trades the code for tokens and keeps the access token. */
export async function finishOidcLogin(oidc: NonNullable<LoginOptions['oidc']>): Promise<Session> {
  const params = new URLSearchParams(location.search);
  const error = params.get('error');
  if (error)
    throw new RequestError(
      `the identity provider refused: ${params.get('error_description') ?? error}`,
      'SIGN_IN_FAILED',
    );
  const saved = JSON.parse(sessionStorage.getItem(OIDC_STATE) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(OIDC_STATE);
  if (!saved || saved.state !== params.get('state'))
    throw new RequestError('the sign-in state does not match', 'OIDC_STATE');
  const { token_endpoint } = await discover(oidc.issuer);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: callbackUrl(),
      client_id: oidc.clientId,
      code_verifier: saved.verifier,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string };
  if (!res.ok || !body.access_token)
    throw new RequestError(`token exchange failed: ${body.error ?? res.status}`, 'SIGN_IN_FAILED');
  const session = saveToken(body.access_token);
  if (!session)
    throw new RequestError(
      'the identity provider returned a token the console cannot read',
      'SIGN_IN_FAILED',
    );
  return session;
}
