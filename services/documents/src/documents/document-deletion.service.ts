import { type ServiceContext, recordEvents } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { changeableDocument } from './changeable.js';
import { Document } from './document.entity.js';
import { documentEvent } from './document.events.js';

/**
 * Deleting documents. A deletion is soft: the document leaves every read, list and search at once,
 * but its record and bytes stay until the retention purge removes them, a while after the deletion
 * and never while a legal hold stands (`RetentionService.purgeExpired`).
 */
export class DocumentDeletion {
  constructor(private readonly db: DataSource) {}

  async delete(ctx: ServiceContext, id: string): Promise<boolean> {
    await this.db.transaction(async (em) => {
      const doc = await changeableDocument(em, ctx, id, 'deleted', true);
      doc.deletedAt = new Date();
      doc.deletedBy = ctx.identity.userId;
      await em.update(
        Document,
        { id: doc.id },
        { deletedAt: doc.deletedAt, deletedBy: doc.deletedBy, updatedAt: doc.deletedAt },
      );
      await recordEvents(em, documentEvent('deleted', doc, ctx.identity));
    });
    return true;
  }
}
