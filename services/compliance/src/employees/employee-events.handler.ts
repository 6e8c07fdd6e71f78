import { CONSUMERS, type hr } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import { chainTime } from '../audit/audit.chain.js';
import type { PolicyService } from '../policies/policy.service.js';
import { KnownEmployee } from './known-employee.entity.js';

/** On a hire: remember the employee and ask them to acknowledge every current policy. */
export const employeeHiredHandler = (policies: PolicyService): EventHandler<typeof hr.employeeHired> => ({
  consumer: CONSUMERS.compliance.employeeHired,
  async handle(event, { em }) {
    const e = event.data ?? {};
    const id = e.employeeId ?? event.subject;
    await em.upsert(
      KnownEmployee,
      {
        id,
        givenName: e.givenName ?? '',
        familyName: e.familyName ?? '',
        email: e.email ?? null,
        active: true,
        hiredAt: new Date(chainTime(event.time, new Date())),
        terminatedAt: null,
      },
      ['id'],
    );
    await policies.askToAcknowledgeAll(em, id);
  },
});

/** On a termination: the employee no longer owes acknowledgements; what they acknowledged stays. */
export const employeeTerminatedHandler = (
  policies: PolicyService,
): EventHandler<typeof hr.employeeTerminated> => ({
  consumer: CONSUMERS.compliance.employeeTerminated,
  async handle(event, { em }) {
    const id = event.data?.employeeId ?? event.subject;
    await em.update(
      KnownEmployee,
      { id },
      { active: false, terminatedAt: new Date(chainTime(event.time, new Date())) },
    );
    await policies.withdrawPending(em, id);
  },
});
