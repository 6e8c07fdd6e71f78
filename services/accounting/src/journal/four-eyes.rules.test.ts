import type { ApprovalDecidedData } from '@backoffice/events';
import { describe, expect, it } from 'vitest';
import { type ApprovalAsked, judgeDecision, stepsFor } from './four-eyes.rules.js';

const asked = (over: Partial<ApprovalAsked> = {}): ApprovalAsked => ({
  requestEventId: 'req-1',
  requiredRole: 'controller',
  stepsRequired: 1,
  author: 'alice',
  ...over,
});

const decided = (over: Partial<ApprovalDecidedData> = {}): ApprovalDecidedData => ({
  approvalId: 'a-1',
  subjectType: 'JournalEntry',
  subjectId: 'e-1',
  status: 'APPROVED',
  decidedBy: 'bob',
  comment: null,
  requestEventId: 'req-1',
  requiredRole: 'controller',
  stepsRequired: 1,
  steps: [{ step: 1, role: 'controller', decidedBy: 'bob', approve: true }],
  ...over,
});

describe('which decision an entry accepts', () => {
  it('posts on the approval it asked for, decided by someone else in the asked role', () => {
    expect(judgeDecision(asked(), decided())).toEqual({ apply: 'POST' });
  });

  it('ignores a decision on any other request, or on none', () => {
    expect(judgeDecision(asked(), decided({ requestEventId: 'req-2' }))).toHaveProperty('ignore');
    expect(judgeDecision(asked(), decided({ requestEventId: null }))).toHaveProperty('ignore');
    expect(judgeDecision(asked(), decided({ requestEventId: undefined }))).toHaveProperty('ignore');
    expect(judgeDecision(asked(), decided({ requestEventId: 'req-2', status: 'REJECTED' }))).toHaveProperty(
      'ignore',
    );
  });

  it('ignores an approval in another role, with too few steps, or by the author', () => {
    const itAgent = decided({
      requiredRole: 'it_agent',
      steps: [{ step: 1, role: 'it_agent', decidedBy: 'bob', approve: true }],
    });
    expect(judgeDecision(asked(), itAgent)).toHaveProperty('ignore');
    expect(judgeDecision(asked(), decided({ steps: [] }))).toHaveProperty('ignore');
    expect(judgeDecision(asked(), decided({ steps: undefined }))).toHaveProperty('ignore');
    const byAuthor = decided({
      decidedBy: 'alice',
      steps: [{ step: 1, role: 'controller', decidedBy: 'alice', approve: true }],
    });
    expect(judgeDecision(asked(), byAuthor)).toEqual({
      ignore: 'the author may not approve their own entry',
    });
    expect(judgeDecision(asked(), decided({ decidedBy: null }))).toHaveProperty('ignore');
  });

  it('needs an admin, not the first approver, for the second step', () => {
    const two = asked({ stepsRequired: 2 });
    expect(judgeDecision(two, decided())).toEqual({ ignore: '1 of 2 steps approved' });
    const steps = (second: { role: string; decidedBy: string }) => [
      { step: 1, role: 'controller', decidedBy: 'bob', approve: true },
      { step: 2, approve: true, ...second },
    ];
    expect(
      judgeDecision(
        two,
        decided({ decidedBy: 'carol', steps: steps({ role: 'admin', decidedBy: 'carol' }) }),
      ),
    ).toEqual({ apply: 'POST' });
    expect(
      judgeDecision(
        two,
        decided({ decidedBy: 'carol', steps: steps({ role: 'controller', decidedBy: 'carol' }) }),
      ),
    ).toHaveProperty('ignore');
    expect(
      judgeDecision(two, decided({ decidedBy: 'bob', steps: steps({ role: 'admin', decidedBy: 'bob' }) })),
    ).toEqual({ ignore: 'one person approved two steps' });
  });

  it('rejects on a rejection or expiry of its own approval', () => {
    expect(judgeDecision(asked(), decided({ status: 'REJECTED', steps: [] }))).toEqual({ apply: 'REJECT' });
    expect(judgeDecision(asked(), decided({ status: 'EXPIRED', decidedBy: null }))).toEqual({
      apply: 'REJECT',
    });
  });

  it('asks for the second step strictly above the second threshold', () => {
    expect(stepsFor('100000.00', '100000')).toBe(1);
    expect(stepsFor('100000.01', '100000')).toBe(2);
  });
});
