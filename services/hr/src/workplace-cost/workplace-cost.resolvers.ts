import type { Resolvers } from '../generated/graphql.js';

export const workplaceCostResolvers: Resolvers = {
  Query: {
    workplaceCostReport: (_, a, ctx) =>
      ctx.services.workplaceCost.report(ctx, a.year, a.officeSeatMonthlyCost),
  },
  WorkplaceCostDepartmentRow: {
    // rows are built from existing departments and employees; a missing one stays GraphQL's non-null error
    department: async (row, _, ctx) => (await ctx.services.departments.byId(ctx, row.departmentId))!,
  },
  WorkplaceCostRow: {
    employee: async (row, _, ctx) => (await ctx.services.employees.byId(ctx, row.employeeId))!,
  },
};
