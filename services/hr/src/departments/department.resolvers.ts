import type { Resolvers } from '../generated/graphql.js';

export const departmentResolvers: Resolvers = {
  Query: {
    departments: (_, __, ctx) => ctx.services.departments.list(),
    department: (_, { id }, ctx) => ctx.services.departments.byId(ctx, id),
  },
  Mutation: {
    createDepartment: (_, { input }, ctx) => ctx.services.departments.create(ctx, input),
  },
  Department: {
    __resolveReference: (ref, ctx) => ctx.services.departments.byId(ctx, ref.id),
    parent: (d, _, ctx) => (d.parentId ? ctx.services.departments.byId(ctx, d.parentId) : null),
    headcount: (d, _, ctx) => ctx.services.departments.headcount(ctx, d.id),
  },
};
