import { type ServiceContext, conflict, forbidden, isUuid, notFound } from '@backoffice/kit';
import type { EntityManager } from 'typeorm';
import { mayRead } from './document.access.js';
import { Document } from './document.entity.js';
import {
  holdRefusal,
  mayChange,
  mayKnowOfHolds,
  retentionRefusesDeletion,
  retentionRefusesNewVersion,
} from './records.rules.js';

export type Change = 'deleted' | 'replaced';

const today = () => new Date().toISOString().slice(0, 10);

export async function isGranted(
  em: EntityManager,
  ctx: ServiceContext,
  documentId: string,
): Promise<boolean> {
  const rows = await em.query('SELECT 1 FROM document_grant WHERE document_id = $1 AND user_id = $2', [
    documentId,
    ctx.identity.userId ?? '',
  ]);
  return rows.length > 0;
}

export async function isHeld(em: EntityManager, documentId: string): Promise<boolean> {
  const rows = await em.query(
    'SELECT 1 FROM legal_hold WHERE document_id = $1 AND released_at IS NULL LIMIT 1',
    [documentId],
  );
  return rows.length > 0;
}

/**
 * The live document the caller may delete or replace now, checked in the order a person can act on:
 * may they read and change it, does the law still keep it (naming the date), does a legal hold stand.
 * With `lock`, the row is locked first, so a hold being applied or a purge waits for this change or
 * this change sees the hold: the checks and the change it guards commit as one.
 */
export async function changeableDocument(
  em: EntityManager,
  ctx: ServiceContext,
  id: string,
  change: Change,
  lock: boolean,
): Promise<Document> {
  const qb = em.getRepository(Document).createQueryBuilder('d').where('d.id = :id', { id });
  if (lock) qb.setLock('pessimistic_write');
  const doc = isUuid(id) ? await qb.getOne() : null;
  if (!doc || doc.deletedAt) throw notFound('Document', id);
  if (!mayRead(ctx, doc, await isGranted(em, ctx, doc.id)) || !mayChange(ctx, doc))
    throw forbidden(
      doc.ownerEmployeeId && ctx.identity.employeeId === doc.ownerEmployeeId
        ? 'this document was filed about you by someone else: you may read it but not change or delete it'
        : 'you may not change this document',
    );
  const facts = { retentionUntil: doc.retentionUntil, uploadedOn: doc.createdAt.toISOString().slice(0, 10) };
  const kept =
    change === 'deleted'
      ? retentionRefusesDeletion(facts, today())
      : retentionRefusesNewVersion(facts, today());
  if (kept) throw conflict(kept);
  if (await isHeld(em, doc.id)) throw conflict(holdRefusal(mayKnowOfHolds(ctx, doc), change));
  return doc;
}
