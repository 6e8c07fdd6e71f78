import { catalog } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { PriceList } from './price.entity.js';
import type { PriceView } from './price.rules.js';

export const priceListCreated = (list: PriceList, actor: Identity) =>
  domainEvent(
    catalog.priceListCreated,
    list.id,
    { priceListId: list.id, name: list.name, currency: list.currency },
    actor,
  );

export const priceChanged = (
  price: PriceView & { productId: string; sku: string },
  previousAmount: string | null,
  actor: Identity,
) =>
  domainEvent(
    catalog.priceChanged,
    price.productId,
    {
      priceId: price.id,
      productId: price.productId,
      sku: price.sku,
      priceListId: price.priceListId,
      currency: price.currency,
      minQuantity: price.minQuantity,
      amount: price.amount,
      previousAmount,
      validFrom: price.validFrom,
      validTo: price.validTo,
    },
    actor,
  );
