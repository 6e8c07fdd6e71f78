import type { ServiceContext } from '@backoffice/kit';
import type { ItServices } from '../services.js';
import type { Asset, AssetAssignment, AssetStatus } from './asset.entity.js';

type Ctx = ServiceContext<ItServices>;

export const assetResolvers = {
  Query: {
    assets: (_: unknown, a: { status?: AssetStatus }, ctx: Ctx) => ctx.services.assets.list(a.status),
    asset: (_: unknown, a: { id: string }, ctx: Ctx) => ctx.services.assets.find(ctx, a.id),
  },
  Mutation: {
    createAsset: (_: unknown, { input }: { input: never }, ctx: Ctx) =>
      ctx.services.assets.create(ctx, input),
    assignAsset: (_: unknown, a: { assetId: string; employeeId: string }, ctx: Ctx) =>
      ctx.services.assets.assign(ctx, a.assetId, a.employeeId),
    returnAsset: (_: unknown, a: { assetId: string }, ctx: Ctx) => ctx.services.assets.return(ctx, a.assetId),
  },
  Asset: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.services.assets.find(ctx, ref.id),
    history: (a: Asset, _: unknown, ctx: Ctx) => ctx.services.assets.history(ctx, a.id),
    assignee: (a: Asset) => (a.assigneeId ? { __typename: 'Employee', id: a.assigneeId } : null),
  },
  AssetAssignment: {
    employee: (h: AssetAssignment) => ({ __typename: 'Employee', id: h.employeeId }),
  },
};
