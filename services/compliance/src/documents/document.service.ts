import { type ServiceContext, byKeys } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { KnownDocument } from './known-document.entity.js';

/** Compliance's view of documents, as documents' events last described them. */
export class DocumentViewService {
  constructor(private readonly db: DataSource) {}

  /** One query per request however many documents a page resolves. */
  known(ctx: ServiceContext, id: string): Promise<KnownDocument | null> {
    return ctx.loaders
      .get<string, KnownDocument | null>('knownDocument', async (ids) => {
        const rows = await this.db
          .getRepository(KnownDocument)
          .createQueryBuilder('d')
          .where('d.id = ANY(:ids)', { ids })
          .getMany();
        return byKeys(ids, rows, (d) => d.id);
      })
      .load(id);
  }
}
