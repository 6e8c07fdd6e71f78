import { recordEvents } from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { DocumentFiling } from '../documents/document-filing.service.js';
import { Document } from '../documents/document.entity.js';
import { documentEvent } from '../documents/document.events.js';
import { RETENTION_RULES, retentionUntil } from './retention.rules.js';

const PURGED_BY = 'system:retention';

/** Keeping documents as long as the rules say and no longer, never past a legal hold. */
export class RetentionService {
  constructor(
    private readonly db: DataSource,
    private readonly filing: DocumentFiling,
    /** How long a deleted document's bytes stay before the purge may take them (a hold may still come). */
    private readonly deletedKeptMs: number,
  ) {}

  /**
   * An owner left: documents whose rule counts from termination get their date. Runs in the event
   * consumer's transaction.
   */
  async ownerTerminated(em: EntityManager, employeeId: string, endDate: string): Promise<void> {
    const types = Object.entries(RETENTION_RULES)
      .filter(([, rule]) => rule.from === 'termination')
      .map(([type]) => type);
    if (types.length === 0) return;
    const docs = await em
      .getRepository(Document)
      .createQueryBuilder('d')
      .where('d.owner_employee_id = :employeeId', { employeeId })
      .andWhere('d.document_type = ANY(:types)', { types })
      .andWhere('d.purged_at IS NULL')
      .getMany();
    for (const doc of docs) {
      const until = retentionUntil(doc.documentType, {
        uploadedOn: doc.createdAt.toISOString().slice(0, 10),
        ownerEndDate: endDate,
      });
      await em.update(Document, { id: doc.id }, { retentionUntil: until, updatedAt: new Date() });
    }
  }

  /**
   * Purges documents past their retention date, and deleted documents no law keeps any more once they
   * have been deleted for a while: the record stays as a tombstone (title, versions' hashes) with
   * `document.purged`, the bytes go unless another unpurged document shares them. A document under a
   * legal hold is never purged.
   */
  async purgeExpired(today = new Date().toISOString().slice(0, 10), limit = 100): Promise<number> {
    const due: { id: string }[] = await this.db.query(
      `SELECT d.id FROM document d
       WHERE d.purged_at IS NULL
         AND ((d.deleted_at IS NULL AND d.retention_until < $1::date)
           OR (d.deleted_at < now() - $3 * interval '1 millisecond'
               AND (d.retention_until IS NULL OR d.retention_until < $1::date)))
         AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.document_id = d.id AND h.released_at IS NULL)
       ORDER BY d.retention_until NULLS FIRST LIMIT $2`,
      [today, limit, this.deletedKeptMs],
    );
    let purged = 0;
    for (const { id } of due) {
      const shas = await this.db.transaction(async (em) => {
        const doc = await em
          .getRepository(Document)
          .createQueryBuilder('d')
          .setLock('pessimistic_write')
          .where('d.id = :id AND d.purged_at IS NULL', { id })
          .getOne();
        if (!doc) return [];
        // Checked again under the lock: a hold (or, for a live document, a new retention date) may
        // have arrived since the list was read.
        if (doc.retentionUntil !== null && doc.retentionUntil >= today) return [];
        const held = await em.query(
          'SELECT 1 FROM legal_hold WHERE document_id = $1 AND released_at IS NULL LIMIT 1',
          [id],
        );
        if (held.length > 0) return [];
        const now = new Date();
        await em.update(
          Document,
          { id },
          {
            purgedAt: now,
            deletedAt: doc.deletedAt ?? now,
            deletedBy: doc.deletedBy ?? PURGED_BY,
            searchText: '',
            tags: [],
            updatedAt: now,
          },
        );
        await recordEvents(em, documentEvent('purged', doc, { userId: PURGED_BY }));
        purged++;
        return this.filing.shasOf(em, id);
      });
      await this.filing.releaseBlobs(shas);
    }
    return purged;
  }
}
