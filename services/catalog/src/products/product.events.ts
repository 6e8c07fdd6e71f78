import { catalog } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Product } from './product.entity.js';
import { decimalText } from './product.rules.js';

const productData = (p: Product) => ({
  productId: p.id,
  sku: p.sku,
  nameNl: p.nameNl,
  nameEn: p.nameEn,
  unit: p.unit,
  vatCode: p.vatCode,
  vatRate: decimalText(p.vatRate),
  active: p.active,
  reorderLevel: p.reorderLevel === null ? null : decimalText(p.reorderLevel),
});

export const productCreated = (p: Product, actor: Identity) =>
  domainEvent(catalog.productCreated, p.id, productData(p), actor);

export const productChanged = (p: Product, changed: string[], actor: Identity) =>
  domainEvent(catalog.productChanged, p.id, { ...productData(p), changed }, actor);
