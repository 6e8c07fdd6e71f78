import type { ServiceContext } from '@backoffice/kit';
import type { ItServices } from '../services.js';
import type { Asset, AssetStatus } from './asset.entity.js';

type Ctx = ServiceContext<ItServices>;

export const assetResolvers = {
  Query: {
    assets: (_: unknown, a: { status?: AssetStatus }, ctx: Ctx) => ctx.services.assets.list(a.status),
  },
  Mutation: {
    createAsset: (_: unknown, { input }: { input: never }, ctx: Ctx) =>
      ctx.services.assets.create(ctx, input),
    assignAsset: (_: unknown, a: { assetId: string; employeeId: string }, ctx: Ctx) =>
      ctx.services.assets.assign(ctx, a.assetId, a.employeeId),
    returnAsset: (_: unknown, a: { assetId: string }, ctx: Ctx) => ctx.services.assets.return(ctx, a.assetId),
  },
  Asset: {
    assignee: (a: Asset) => (a.assigneeId ? { __typename: 'Employee', id: a.assigneeId } : null),
  },
};
