import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A hold on a document for litigation or an investigation: documents refuses to delete it while active. */
@Entity('legal_hold')
export class LegalHold {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'document_id', type: 'text' }) documentId: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'placed_by', type: 'text' }) placedBy: string;
  @Column({ name: 'placed_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) placedAt: Date;
  @Column({ name: 'released_by', type: 'text', nullable: true }) releasedBy: string | null;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
}
