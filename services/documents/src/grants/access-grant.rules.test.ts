import { describe, expect, it } from 'vitest';
import { alreadyDecided, checkGrantee, decisionRefusal } from './access-grant.rules.js';

describe('four eyes on document access', () => {
  const request = { userId: 'dora', requestedBy: 'olivia', status: 'PENDING' as const };

  it('refuses the requester and the grantee as the deciding second person', () => {
    expect(decisionRefusal('olivia', request)).toMatch(/you asked for this access yourself/);
    expect(decisionRefusal('dora', request)).toMatch(/the access is for you/);
    expect(decisionRefusal('oscar', request)).toBeNull();
  });

  it('refuses an officer who asks access for themself and approves it', () => {
    const self = { userId: 'olivia', requestedBy: 'olivia', status: 'PENDING' as const };
    expect(decisionRefusal('olivia', self)).not.toBeNull();
    expect(decisionRefusal('oscar', self)).toBeNull();
  });

  it('decides a request once', () => {
    expect(alreadyDecided(request)).toBeNull();
    expect(alreadyDecided({ status: 'GRANTED' })).toMatch(/already decided: GRANTED/);
    expect(alreadyDecided({ status: 'REFUSED' })).toMatch(/already decided: REFUSED/);
  });

  it('takes user ids as tokens carry them', () => {
    expect(checkGrantee('  dora ')).toBe('dora');
    expect(checkGrantee(' ')).toBeNull();
    expect(checkGrantee('x'.repeat(201))).toBeNull();
  });
});
