import { z } from 'zod';
import { defineEvent } from './contract.js';

/**
 * catalog's events: products, their prices and their stock. Quantities and amounts are decimal
 * strings; dates `YYYY-MM-DD`, instants ISO 8601.
 */

const producer = 'catalog';

/** What every product event says about its product. */
const product = z.object({
  productId: z.string(),
  sku: z.string(),
  nameNl: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  vatCode: z.string(),
  vatRate: z.string(),
  active: z.boolean(),
  reorderLevel: z.string().nullable(),
});

export const productCreated = defineEvent({
  producer,
  aggregate: 'product',
  verb: 'created',
  summary: 'A product entered the catalogue.',
  schema: product,
});

export const productChanged = defineEvent({
  producer,
  aggregate: 'product',
  verb: 'changed',
  summary: "A product's master data changed (the fields after the change, and which ones changed).",
  schema: product.extend({ changed: z.array(z.string()) }),
});

export const priceListCreated = defineEvent({
  producer,
  aggregate: 'price_list',
  verb: 'created',
  summary: 'A price list (retail, dealer, a customer group) in its currency.',
  schema: z.object({ priceListId: z.string(), name: z.string(), currency: z.string() }),
});

export const priceChanged = defineEvent({
  producer,
  aggregate: 'price',
  verb: 'changed',
  summary:
    'A price set for a product on a list from a date for a quantity break; previousAmount is the price it supersedes.',
  schema: z.object({
    priceId: z.string(),
    productId: z.string(),
    sku: z.string(),
    priceListId: z.string(),
    currency: z.string(),
    minQuantity: z.string(),
    amount: z.string(),
    previousAmount: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  }),
});

export const priceApprovalRequested = defineEvent({
  producer,
  aggregate: 'price',
  verb: 'approval_requested',
  summary:
    'A price change above the set percentage waits for a second person: catalog asks compliance for the approval.',
  schema: z.object({
    priceId: z.string(),
    /** Always 'Price': the approval's subject type. */
    subjectType: z.literal('Price'),
    productId: z.string(),
    sku: z.string(),
    priceListId: z.string(),
    amount: z.string(),
    previousAmount: z.string(),
    currency: z.string(),
    /** The change against the price it supersedes, in percent (signed). */
    changePercent: z.string(),
    validFrom: z.string(),
    description: z.string(),
    /** The user who set the price: never allowed to approve it. */
    authorUserId: z.string(),
    requiredRole: z.enum(['controller', 'admin']),
  }),
});

export const priceRejected = defineEvent({
  producer,
  aggregate: 'price',
  verb: 'rejected',
  summary:
    'A price change that waited for approval was rejected (or its approval expired): it never applies.',
  schema: z.object({
    priceId: z.string(),
    productId: z.string(),
    sku: z.string(),
    priceListId: z.string(),
    amount: z.string(),
    reason: z.string(),
  }),
});

export const warehouseCreated = defineEvent({
  producer,
  aggregate: 'warehouse',
  verb: 'created',
  summary: 'A warehouse stock can be kept in.',
  schema: z.object({ warehouseId: z.string(), code: z.string(), name: z.string() }),
});

/** What every stock event says: the movement and the balance it left behind in that warehouse. */
const movement = z.object({
  movementId: z.string(),
  productId: z.string(),
  sku: z.string(),
  warehouseId: z.string(),
  quantity: z.string(),
  reference: z.string().nullable(),
  onHand: z.string(),
  reserved: z.string(),
  available: z.string(),
});

/** What a receipt or an issue is worth at the product's average cost (accounting books it). */
const valuation = {
  unitCost: z.string().optional(),
  value: z.string().optional(),
  currency: z.string().optional(),
};

export const stockReceived = defineEvent({
  producer,
  aggregate: 'stock',
  verb: 'received',
  summary: 'Goods received into a warehouse, at their unit cost (value = quantity x unit cost).',
  schema: movement.extend(valuation),
});

export const stockIssued = defineEvent({
  producer,
  aggregate: 'stock',
  verb: 'issued',
  summary: 'Goods left a warehouse (from a reservation when reservationId is set), valued at average cost.',
  schema: movement.extend({ reservationId: z.string().nullable(), ...valuation }),
});

export const stockAdjusted = defineEvent({
  producer,
  aggregate: 'stock',
  verb: 'adjusted',
  summary: 'On hand corrected (a count or a correction with its reason); quantity is the signed difference.',
  schema: movement.extend({ reason: z.string() }),
});

export const stockReserved = defineEvent({
  producer,
  aggregate: 'stock',
  verb: 'reserved',
  summary: 'Stock held for a customer until expiresAt.',
  schema: movement.extend({ reservationId: z.string(), expiresAt: z.string() }),
});

export const stockReleased = defineEvent({
  producer,
  aggregate: 'stock',
  verb: 'released',
  summary: 'A reservation given back (RELEASED by a person, EXPIRED by the expiry job).',
  schema: movement.extend({ reservationId: z.string(), status: z.enum(['RELEASED', 'EXPIRED']) }),
});

export const stockLow = defineEvent({
  producer,
  aggregate: 'stock',
  verb: 'low',
  summary: "A product's available stock (all warehouses) fell below its reorder level.",
  schema: z.object({
    productId: z.string(),
    sku: z.string(),
    available: z.string(),
    reorderLevel: z.string(),
  }),
});

export const stockTransferred = defineEvent({
  producer,
  aggregate: 'stock',
  verb: 'transferred',
  summary: 'Goods moved from one warehouse to another (a TRANSFER_OUT and a TRANSFER_IN movement).',
  schema: z.object({
    productId: z.string(),
    sku: z.string(),
    fromWarehouseId: z.string(),
    toWarehouseId: z.string(),
    quantity: z.string(),
    reference: z.string().nullable(),
  }),
});
