import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A legal hold as compliance announced it; compliance owns holds, this is our copy to enforce them. */
@Entity('legal_hold')
export class LegalHold {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'placed_by', type: 'text', nullable: true }) placedBy: string | null;
  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true }) placedAt: Date | null;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
}
