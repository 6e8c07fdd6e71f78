import { createHmac } from 'node:crypto';
import { IDENTITY_HEADER, type Role } from '@backoffice/kit';
import { check, LEAK } from './cases.js';

/** What the hostile suite reads of an answer: status, parsed body (empty when not JSON) and raw text. */
export interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  text: string;
}

/** Posts `body` (sent as is when a string, so malformed JSON reaches the server) and reads the answer. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Answer['body'] = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // checked by the callers that care
  }
  return { status: res.status, body: parsed, text };
}

export const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

/** What the gateway sent before identities were signed per request: an HMAC with the shared key. */
export function legacyHmacHeaders(identity: { userId: string | null; roles: Role[] }, key: string) {
  const encoded = Buffer.from(JSON.stringify({ sub: identity.userId, roles: identity.roles })).toString(
    'base64url',
  );
  const time = String(Date.now());
  return {
    [IDENTITY_HEADER]: encoded,
    'x-backoffice-identity-time': time,
    'x-backoffice-identity-signature': createHmac('sha256', key)
      .update(`${time}.${encoded}`)
      .digest('base64url'),
  };
}

export const codes = (a: Answer) => (a.body.errors ?? []).map((e) => e.extensions?.code);

/** No 5xx, no INTERNAL_SERVER_ERROR, every error with a contract code, nothing internal in a message. */
export function assertSafe(a: Answer): void {
  check(a.status < 500, `HTTP ${a.status}: ${a.text.slice(0, 200)}`);
  for (const error of a.body.errors ?? []) {
    const code = error.extensions?.code;
    check(
      code && ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'].includes(code),
      `code ${code}: ${error.message.slice(0, 200)}`,
    );
    check(!LEAK.test(error.message), `leaks internals: ${error.message.slice(0, 200)}`);
  }
}
