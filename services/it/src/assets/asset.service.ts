import {
  type ServiceContext,
  badInput,
  byIdLoader,
  conflict,
  forbidden,
  groupByKeys,
  hasRole,
  isSelf,
  notFound,
  recordEvents,
  isUuid,
  lockById,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { assetAssigned, assetRegistered, assetReturned } from './asset.events.js';
import type { CreateAssetInput } from '../generated/graphql.js';
import { KnownEmployee } from '../employees/known-employee.entity.js';
import { Asset, AssetAssignment, type AssetStatus } from './asset.entity.js';

export class AssetService {
  constructor(private readonly db: DataSource) {}

  list(status?: AssetStatus | null): Promise<Asset[]> {
    return this.db.getRepository(Asset).find({ where: status ? { status } : {}, order: { tag: 'ASC' } });
  }

  /** One asset: agents see any, an employee the one assigned to them (for entity references). */
  async find(ctx: ServiceContext, id: string): Promise<Asset | null> {
    const asset = await byIdLoader(ctx, this.db, Asset).load(id);
    if (asset && !hasRole(ctx, 'it_agent') && !isSelf(ctx, asset.assigneeId))
      throw forbidden('only IT agents and the employee it is assigned to may see this asset');
    return asset;
  }

  /** Every assignment of the asset, newest first; one query for all the assets of a request. */
  history(ctx: ServiceContext, assetId: string): Promise<AssetAssignment[]> {
    return ctx.loaders
      .get<string, AssetAssignment[]>('asset-history', async (ids) => {
        const rows = await this.db
          .getRepository(AssetAssignment)
          .createQueryBuilder('h')
          .where('h.asset_id = ANY(:ids)', { ids })
          .orderBy('h.assigned_at', 'DESC')
          .addOrderBy('h.id', 'DESC')
          .getMany();
        return groupByKeys(ids, rows, (h) => h.assetId);
      })
      .load(assetId);
  }

  assignedTo(ctx: ServiceContext, employeeId: string): Promise<Asset[]> {
    if (!hasRole(ctx, 'it_agent') && !isSelf(ctx, employeeId))
      throw forbidden("only IT agents and the employee themself may see an employee's assets");
    return ctx.loaders
      .get<string, Asset[]>('assets-by-employee', async (ids) => {
        const valid = ids.filter((id) => isUuid(id));
        const rows = valid.length
          ? await this.db
              .getRepository(Asset)
              .createQueryBuilder('a')
              .where('a.assignee_id = ANY(:ids)', { ids: valid })
              .orderBy('a.tag')
              .getMany()
          : [];
        return groupByKeys(ids, rows, (a) => a.assigneeId as string);
      })
      .load(employeeId);
  }

  async create(ctx: ServiceContext, input: CreateAssetInput): Promise<Asset> {
    const tag = input.tag.trim().toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]{0,39}$/.test(tag))
      throw badInput('tag must be 1-40 letters, digits or dashes', 'tag');
    const model = input.model.trim();
    if (model.length === 0 || model.length > 200)
      throw badInput('model must be 1 to 200 characters', 'model');
    return this.db.transaction(async (em) => {
      if (await em.findOneBy(Asset, { tag })) throw conflict(`an asset tagged ${tag} already exists`);
      const asset = await em.save(
        em.create(Asset, {
          tag,
          model,
          kind: input.kind ?? 'HARDWARE',
          serialNumber: input.serialNumber?.trim() || null,
          status: 'IN_STOCK',
          assigneeId: null,
        }),
      );
      await recordEvents(em, assetRegistered(asset, tag, model, ctx.identity));
      return asset;
    });
  }

  async assign(ctx: ServiceContext, assetId: string, employeeId: string): Promise<Asset> {
    return this.db.transaction(async (em) => {
      const asset = await lockById(em, Asset, assetId);
      if (asset.status === 'ASSIGNED')
        throw conflict(`asset ${asset.tag} is already assigned; return it first`);
      if (asset.status === 'RETIRED') throw badInput(`asset ${asset.tag} is retired`, 'assetId');
      const employee = isUuid(employeeId) ? await em.findOneBy(KnownEmployee, { id: employeeId }) : null;
      if (!employee) throw Object.assign(notFound('Employee', employeeId), { field: 'employeeId' });
      if (!employee.active) throw badInput(`employee ${employeeId} has left`, 'employeeId');
      asset.status = 'ASSIGNED';
      asset.assigneeId = employeeId;
      await em.save(asset);
      await em.save(em.create(AssetAssignment, { assetId, employeeId, assignedBy: ctx.identity.userId }));
      await recordEvents(em, assetAssigned(asset, assetId, employeeId, ctx.identity));
      return asset;
    });
  }

  async return(ctx: ServiceContext, assetId: string): Promise<Asset> {
    return this.db.transaction(async (em) => {
      const asset = await lockById(em, Asset, assetId);
      if (asset.status !== 'ASSIGNED' || !asset.assigneeId)
        throw conflict(`asset ${asset.tag} is not assigned`);
      const employeeId = asset.assigneeId;
      asset.status = 'IN_STOCK';
      asset.assigneeId = null;
      await em.save(asset);
      await em.query(
        'UPDATE asset_assignment SET returned_at = now() WHERE asset_id = $1 AND returned_at IS NULL',
        [assetId],
      );
      await recordEvents(em, assetReturned(asset, assetId, employeeId, ctx.identity));
      return asset;
    });
  }
}
