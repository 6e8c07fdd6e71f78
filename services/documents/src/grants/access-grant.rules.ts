import type { AccessRequestStatus } from './access-request.entity.js';

/**
 * Four eyes on access beyond a document's classification: one compliance officer (or admin) asks,
 * another lets the user in. Nobody decides their own request, and nobody decides access for
 * themselves: so an officer who wants to read a document needs a colleague to approve it.
 */
export interface AccessRequestFacts {
  userId: string;
  requestedBy: string;
  status: AccessRequestStatus;
}

/** Why `deciderId` may not grant or refuse the request, or null when they may. */
export function decisionRefusal(deciderId: string, request: AccessRequestFacts): string | null {
  if (deciderId === request.requestedBy)
    return 'you asked for this access yourself: another compliance officer or admin must decide it';
  if (deciderId === request.userId)
    return 'the access is for you: another compliance officer or admin must decide it';
  return null;
}

/** Why a request that is no longer pending cannot be decided again, or null. */
export function alreadyDecided(request: Pick<AccessRequestFacts, 'status'>): string | null {
  return request.status === 'PENDING' ? null : `this request was already decided: ${request.status}`;
}

/** A user id as the token's `sub` carries it: 1 to 200 characters, trimmed. */
export function checkGrantee(userId: string): string | null {
  const user = userId.trim();
  return user.length === 0 || user.length > 200 ? null : user;
}
