import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LegalHoldStatus = 'PENDING' | 'ACTIVE' | 'REFUSED' | 'RELEASING' | 'RELEASED';

/**
 * A hold on a document for litigation or an investigation: documents refuses to delete, replace or
 * purge it while active. Recorded here first, in force once documents confirms it applied it.
 */
@Entity('legal_hold')
export class LegalHold {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'document_id', type: 'text' }) documentId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'placed_by', type: 'text' }) placedBy: string;
  @Column({ name: 'placed_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) placedAt: Date;
  /** When documents confirmed the hold in force. */
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true }) appliedAt: Date | null;
  /** Set when documents had nothing to hold. */
  @Column({ type: 'text', nullable: true }) refused: 'NO_SUCH_DOCUMENT' | 'PURGED' | null;
  /** The document had been deleted by its users just before: its bytes are kept all the same. */
  @Column({ name: 'document_deleted', type: 'boolean', nullable: true }) documentDeleted: boolean | null;
  @Column({ name: 'released_by', type: 'text', nullable: true }) releasedBy: string | null;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
  /** When documents confirmed the release. */
  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true }) liftedAt: Date | null;
}
