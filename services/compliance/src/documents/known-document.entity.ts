import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Compliance's own view of the documents service's documents, kept from its events. */
@Entity('known_document')
export class KnownDocument {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column({ type: 'int', nullable: true }) version: number | null;
  @Column({ name: 'retention_until', type: 'date', nullable: true }) retentionUntil: string | null;
  @Column({ name: 'document_type', type: 'text', nullable: true }) documentType: string | null;
  @Column({ name: 'owner_employee_id', type: 'text', nullable: true }) ownerEmployeeId: string | null;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true }) purgedAt: Date | null;
}
