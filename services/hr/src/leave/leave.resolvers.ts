import type { ServiceContext } from '@backoffice/kit';
import type { HrServices } from '../services.js';
import type { LeaveRequest } from './leave.entity.js';
import type { RequestLeaveInput } from './leave.service.js';

type Ctx = ServiceContext<HrServices>;

export const leaveResolvers = {
  Query: {
    leaveRequests: (
      _: unknown,
      { filter }: { filter?: { employeeId?: string; status?: string; toDecide?: boolean } },
      ctx: Ctx,
    ) => ctx.services.leave.list(ctx, filter ?? {}),
  },
  Mutation: {
    requestLeave: (_: unknown, { input }: { input: RequestLeaveInput }, ctx: Ctx) =>
      ctx.services.leave.request(ctx, input),
    decideLeave: (_: unknown, a: { id: string; approve: boolean; comment?: string }, ctx: Ctx) =>
      ctx.services.leave.decide(ctx, a.id, a.approve, a.comment),
    cancelLeave: (_: unknown, { id }: { id: string }, ctx: Ctx) => ctx.services.leave.cancel(ctx, id),
  },
  LeaveRequest: {
    employee: (l: LeaveRequest, _: unknown, ctx: Ctx) => ctx.services.employees.byId(ctx, l.employeeId),
    days: (l: LeaveRequest) => Number(l.days),
  },
  Employee: {
    leaveBalance: (e: { id: string }, { year }: { year?: number }, ctx: Ctx) =>
      ctx.services.leave.balance(ctx, e.id, year),
    leaveRequests: (e: { id: string }, _: unknown, ctx: Ctx) => ctx.services.leave.ofEmployee(ctx, e.id),
  },
};
