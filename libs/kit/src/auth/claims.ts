import { type Identity, isRole, type Role } from './identity.js';

/** A verified user token whose claims the platform cannot interpret safely: the caller is refused. */
export class ClaimsRefused extends Error {
  override name = 'ClaimsRefused';
}

/**
 * The caller a verified user token names, read the same way wherever tokens are verified: the Node
 * gateway and the Apollo Router's coprocessor. A missing `sub`, roles that are not a list of the
 * contract's roles, or an empty `employeeId` refuse the token rather than narrow or guess.
 */
export function identityFromClaims(claims: Record<string, unknown>): Identity {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.trim() === '') {
    throw new ClaimsRefused('the token has no "sub" claim; ask for a token that has one');
  }
  const roles = claims.roles ?? [];
  if (!Array.isArray(roles))
    throw new ClaimsRefused('the token "roles" claim must be an array of role names');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    // An unknown role is refused outright rather than dropped: it usually means the token comes
    // from another system or a misconfigured issuer, and silently narrowing rights hides that.
    throw new ClaimsRefused(
      `the token names unknown roles: ${unknown.map((r) => JSON.stringify(r)).join(', ')}`,
    );
  }
  const employeeId = claims.employeeId;
  if (
    employeeId !== undefined &&
    employeeId !== null &&
    (typeof employeeId !== 'string' || employeeId === '')
  ) {
    throw new ClaimsRefused('the token "employeeId" claim must be a non-empty string');
  }
  return {
    userId: sub,
    roles: [...new Set(roles as Role[])],
    employeeId: typeof employeeId === 'string' ? employeeId : null,
  };
}
