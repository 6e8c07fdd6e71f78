import { catalog } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import { decimalText } from '../products/product.rules.js';
import type { Product } from '../products/product.entity.js';
import type { Price, PriceList } from './price.entity.js';
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
  actor: Pick<Identity, 'userId'> | null,
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

export const priceApprovalRequested = (
  price: PriceView,
  product: Product,
  previousAmount: string,
  changePercent: string,
  actor: Identity,
) =>
  domainEvent(
    catalog.priceApprovalRequested,
    product.id,
    {
      priceId: price.id,
      subjectType: 'Price',
      productId: product.id,
      sku: product.sku,
      priceListId: price.priceListId,
      amount: price.amount,
      previousAmount: decimalText(previousAmount, 2),
      currency: price.currency,
      changePercent,
      validFrom: price.validFrom,
      description: `${product.sku} ${decimalText(previousAmount, 2)} -> ${price.amount} ${price.currency} (${changePercent} %) from ${price.validFrom}, from ${price.minQuantity}`,
      authorUserId: actor.userId ?? 'unknown',
      requiredRole: 'controller',
    },
    actor,
  );

export const priceRejected = (
  price: Price,
  product: Product,
  reason: string,
  actor: Pick<Identity, 'userId'> | null,
) =>
  domainEvent(
    catalog.priceRejected,
    product.id,
    {
      priceId: price.id,
      productId: product.id,
      sku: product.sku,
      priceListId: price.priceListId,
      amount: decimalText(price.amount, 2),
      reason,
    },
    actor,
  );
