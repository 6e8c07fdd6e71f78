import { type ServiceContext, badInput, byIdLoader, conflict, recordEvents } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { text } from '../products/product.rules.js';
import { Warehouse } from './warehouse.entity.js';
import { warehouseCreated } from './warehouse.events.js';

export class WarehouseService {
  constructor(private readonly db: DataSource) {}

  list(): Promise<Warehouse[]> {
    return this.db.getRepository(Warehouse).find({ order: { code: 'ASC' } });
  }

  find(ctx: ServiceContext, id: string): Promise<Warehouse | null> {
    return byIdLoader(ctx, this.db, Warehouse).load(id);
  }

  async create(ctx: ServiceContext, rawCode: string, rawName: string): Promise<Warehouse> {
    const code = rawCode.trim().toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]{0,19}$/.test(code))
      throw badInput('code must be 1-20 letters, digits or dashes', 'code');
    const name = text(rawName, 'name', 100);
    return this.db.transaction(async (em) => {
      if (await em.findOneBy(Warehouse, { code })) throw conflict(`a warehouse ${code} exists`, 'code');
      const warehouse = await em.save(em.create(Warehouse, { code, name }));
      await recordEvents(em, warehouseCreated(warehouse, ctx.identity));
      return warehouse;
    });
  }
}
