import type { ServiceContext } from '@backoffice/kit';
import type { HrServices } from '../services.js';
import type { Department } from './department.entity.js';

type Ctx = ServiceContext<HrServices>;

export const departmentResolvers = {
  Query: {
    departments: (_: unknown, __: unknown, ctx: Ctx) => ctx.services.departments.list(),
    department: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.departments.byId(ctx, id),
  },
  Mutation: {
    createDepartment: (_: unknown, { input }: { input: never }, ctx: Ctx) =>
      ctx.services.departments.create(ctx, input),
  },
  Department: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.departments.byId(ctx, ref.id),
    parent: (d: Department, _: unknown, ctx: Ctx) =>
      d.parentId ? ctx.services.departments.byId(ctx, d.parentId) : null,
    headcount: (d: Department, _: unknown, ctx: Ctx) => ctx.services.departments.headcount(ctx, d.id),
  },
};
