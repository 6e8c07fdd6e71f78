import { type ServiceContext, byIdLoader } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { KnownDocument } from './known-document.entity.js';

/** Compliance's view of documents, as documents' events last described them. */
export class DocumentViewService {
  constructor(private readonly db: DataSource) {}

  /** One query per request however many documents a page resolves. */
  known(ctx: ServiceContext, id: string): Promise<KnownDocument | null> {
    return byIdLoader(ctx, this.db, KnownDocument).load(id);
  }
}
