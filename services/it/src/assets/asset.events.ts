import { it } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';
import type { Asset } from './asset.entity.js';

export const assetRegistered = (a: Asset, tag: string, model: string, actor: Identity) =>
  domainEvent(it.assetRegistered, a.id, { assetId: a.id, tag, model, kind: a.kind }, actor);

/** `assetId` as the caller named the asset (the subject is its stored id). */
export const assetAssigned = (a: Asset, assetId: string, employeeId: string, actor: Identity) =>
  domainEvent(it.assetAssigned, a.id, { assetId, tag: a.tag, employeeId }, actor);

export const assetReturned = (a: Asset, assetId: string, employeeId: string, actor: Identity) =>
  domainEvent(it.assetReturned, a.id, { assetId, tag: a.tag, employeeId }, actor);
