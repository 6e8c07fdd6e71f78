import type { ServiceContext } from '@backoffice/kit';
import type { HrServices } from '../services.js';
import type { WorkdayKind } from './workday.entity.js';

type Ctx = ServiceContext<HrServices>;

export const workdayResolvers = {
  Mutation: {
    registerWorkday: (
      _: unknown,
      a: { employeeId: string; date: string; kind: WorkdayKind; commuteKm?: string | null },
      ctx: Ctx,
    ) => ctx.services.workdays.register(ctx, a),
  },
  Employee: {
    workdays: (e: { id: string }, a: { from?: string; to?: string }, ctx: Ctx) =>
      ctx.services.workdays.list(ctx, e.id, a.from, a.to),
  },
};
