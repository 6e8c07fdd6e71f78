import type { PlatformConfig } from '../config.js';
import { type IdentityVerification, verifyIdentity } from './identity.js';
import type { Keyring } from './keys.js';

type Headers = Record<string, string | string[] | undefined>;

/**
 * How a subgraph checks the identity the gateway forwarded with a request. `audience` is this
 * subgraph's name; `rawBody` the exact request body, which the statement must cover.
 */
export function createForwardedIdentityVerifier(options: {
  audience: string;
  keyring: Keyring;
  config: PlatformConfig;
}): (headers: Headers, rawBody: string) => IdentityVerification {
  // Until the gateway signs with its own key: the shared HMAC key (issue 19 replaces this).
  return (headers) => verifyIdentity(headers, options.config.internalVerificationKeys);
}
