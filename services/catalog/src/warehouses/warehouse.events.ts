import { catalog } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Warehouse } from './warehouse.entity.js';

export const warehouseCreated = (w: Warehouse, actor: Identity) =>
  domainEvent(catalog.warehouseCreated, w.id, { warehouseId: w.id, code: w.code, name: w.name }, actor);
