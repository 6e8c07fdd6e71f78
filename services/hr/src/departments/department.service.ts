import {
  type ServiceContext,
  badInput,
  byIdLoader,
  notFound,
  recordEvents,
  requireRole,
  isUuid,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { Department } from './department.entity.js';
import { departmentCreated } from './department.events.js';
import type { CreateDepartmentInput } from '../generated/graphql.js';

const COST_CENTER = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

export class DepartmentService {
  constructor(private readonly db: DataSource) {}

  list(): Promise<Department[]> {
    return this.db.getRepository(Department).find({ order: { name: 'ASC' } });
  }

  /**
   * Batched by the request's loader: one query however many departments a page needs. The department
   * itself when this request already holds it (the employee page primes them), else a promise.
   */
  byId(ctx: ServiceContext, id: string): Department | null | Promise<Department | null> {
    return byIdLoader(ctx, this.db, Department).value(id);
  }

  headcount(ctx: ServiceContext, id: string): Promise<number> {
    return ctx.loaders
      .get<string, number>('department-headcount', async (ids) => {
        const rows: { department_id: string; n: number }[] = await this.db.query(
          `SELECT department_id, count(*)::int AS n FROM employee WHERE status = 'ACTIVE' AND department_id = ANY($1::uuid[]) GROUP BY department_id`,
          [ids],
        );
        return ids.map((d) => rows.find((r) => r.department_id === d)?.n ?? 0);
      })
      .load(id);
  }

  async create(ctx: ServiceContext, input: CreateDepartmentInput): Promise<Department> {
    requireRole(ctx, 'hr');
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) throw badInput('name must be 1 to 100 characters', 'name');
    const costCenter = input.costCenter.trim().toUpperCase();
    if (!COST_CENTER.test(costCenter))
      throw badInput('costCenter must be 1-20 letters, digits or dashes', 'costCenter');
    return this.db.transaction(async (em) => {
      if (input.parentId) {
        const parent = isUuid(input.parentId) ? await em.findOneBy(Department, { id: input.parentId }) : null;
        if (!parent) throw notFound('Department', input.parentId);
      }
      const department = await em.save(
        em.create(Department, { name, costCenter, parentId: input.parentId ?? null }),
      );
      await recordEvents(em, departmentCreated(department, ctx.identity));
      return department;
    });
  }
}
