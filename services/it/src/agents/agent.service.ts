import {
  type ServiceContext,
  badInput,
  conflict,
  notFound,
  recordEvents,
  isUuid,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { agentRegistered, agentRetired } from './agent.events.js';
import { KnownEmployee } from '../employees/known-employee.entity.js';
import { ItAgent } from './agent.entity.js';

/** The roster of IT agents. IT does not see users' roles, so the desk keeps this list explicitly. */
export class AgentService {
  constructor(private readonly db: DataSource) {}

  list(): Promise<ItAgent[]> {
    return this.db
      .getRepository(ItAgent)
      .createQueryBuilder('a')
      .where('a.retired_at IS NULL')
      .orderBy('a.lead', 'DESC')
      .addOrderBy('a.registered_at')
      .getMany();
  }

  async register(ctx: ServiceContext, employeeId: string, lead: boolean): Promise<ItAgent> {
    return this.db.transaction(async (em) => {
      const employee = isUuid(employeeId) ? await em.findOneBy(KnownEmployee, { id: employeeId }) : null;
      if (!employee) throw Object.assign(notFound('Employee', employeeId), { field: 'employeeId' });
      if (!employee.active) throw badInput(`employee ${employeeId} has left`, 'employeeId');
      const [agent]: ItAgent[] = await em.query(
        `INSERT INTO it_agent (employee_id, lead, registered_by) VALUES ($1, $2, $3)
         ON CONFLICT (employee_id) DO UPDATE
           SET lead = EXCLUDED.lead, retired_at = NULL,
               registered_at = CASE WHEN it_agent.retired_at IS NULL THEN it_agent.registered_at ELSE now() END,
               registered_by = CASE WHEN it_agent.retired_at IS NULL THEN it_agent.registered_by ELSE EXCLUDED.registered_by END
         RETURNING employee_id AS "employeeId", lead, registered_by AS "registeredBy",
                   registered_at AS "registeredAt", retired_at AS "retiredAt"`,
        [employeeId, lead, ctx.identity.userId],
      );
      await recordEvents(em, agentRegistered(employeeId, lead, ctx.identity));
      return agent;
    });
  }

  async retire(ctx: ServiceContext, employeeId: string): Promise<ItAgent> {
    return this.db.transaction(async (em) => {
      const agent = await lockById(em, ItAgent, employeeId, { name: 'IT agent', field: 'employeeId' });
      if (agent.retiredAt) throw conflict(`employee ${employeeId} already retired from the desk`);
      agent.retiredAt = new Date();
      await em.save(agent);
      await recordEvents(em, agentRetired(employeeId, ctx.identity));
      return agent;
    });
  }

  /** Who takes breached tickets when no lead is configured: the longest-serving active lead. */
  async firstLead(em: EntityManager): Promise<string | null> {
    const [row]: { employee_id: string }[] = await em.query(
      'SELECT employee_id FROM it_agent WHERE lead AND retired_at IS NULL ORDER BY registered_at, employee_id LIMIT 1',
    );
    return row?.employee_id ?? null;
  }
}
