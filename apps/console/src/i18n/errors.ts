import type { PlainKey, Translate } from './catalogue.js';

/**
 * Failures in the user's language. The gateway's messages stay English with a stable
 * `extensions.code` (the contract's BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT);
 * the console translates the code and shows the server's message as the detail, because that is
 * where it names the field or the state that is wrong. The console's own failures (the gateway
 * unreachable, a refused download) carry codes of their own in the same way.
 */
export interface Described {
  message: string;
  /** The server's (English) message, when it helps the user act. */
  detail: string | null;
}

const KEYS: Record<string, PlainKey> = {
  BAD_USER_INPUT: 'error.BAD_USER_INPUT',
  UNAUTHENTICATED: 'error.UNAUTHENTICATED',
  FORBIDDEN: 'error.FORBIDDEN',
  NOT_FOUND: 'error.NOT_FOUND',
  CONFLICT: 'error.CONFLICT',
  TOO_MANY_REQUESTS: 'error.TOO_MANY_REQUESTS',
  UNREACHABLE: 'error.UNREACHABLE',
  BAD_RESPONSE: 'error.BAD_RESPONSE',
  DOWNLOAD_FAILED: 'error.DOWNLOAD_FAILED',
  SIGN_IN_FAILED: 'error.SIGN_IN_FAILED',
  OIDC_NOT_CONFIGURED: 'error.OIDC_NOT_CONFIGURED',
  OIDC_STATE: 'error.OIDC_STATE',
};

/** Codes whose translated message says it all; their server text would only repeat it in English. */
const SELF_EXPLANATORY = new Set(['UNAUTHENTICATED', 'UNREACHABLE', 'OIDC_NOT_CONFIGURED', 'OIDC_STATE']);

/** A thrown error (with `code` when it has one) or a text the console already translated. */
export function describeFailure(failure: unknown, t: Translate): Described {
  if (typeof failure === 'string') return { message: failure, detail: null };
  const code =
    failure && typeof failure === 'object' && 'code' in failure && typeof failure.code === 'string'
      ? failure.code
      : undefined;
  const text = failure instanceof Error ? failure.message : String(failure);
  const key = code ? KEYS[code] : undefined;
  if (!key) return { message: t('error.UNKNOWN'), detail: code ? `${text} (${code})` : text || null };
  return {
    message: t(key),
    detail: SELF_EXPLANATORY.has(code as string) || !text ? null : text,
  };
}
