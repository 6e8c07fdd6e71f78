import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type Classification = 'PUBLIC' | 'INTERNAL' | 'CONFIDENTIAL' | 'STRICTLY_CONFIDENTIAL';
export type TextStatus = 'PENDING' | 'DONE' | 'TOO_COMPLEX' | 'FAILED';

@Entity('document')
export class Document {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'document_type', type: 'text', nullable: true }) documentType: string | null;
  @Column({ type: 'text' }) classification: Classification;
  @Column({ name: 'owner_employee_id', type: 'uuid', nullable: true }) ownerEmployeeId: string | null;
  @Column({ type: 'text', array: true }) tags: string[];
  @Column({ name: 'current_version', type: 'integer' }) currentVersion: number;
  @Column({ name: 'retention_until', type: 'date', nullable: true }) retentionUntil: string | null;
  /** The current version's extracted text: what search headlines are cut from. */
  @Column({ name: 'search_text', type: 'text', select: false }) searchText: string;
  /** Where extracting the current version's text stands; set by filing and the extraction queue. */
  @Column({ name: 'text_status', type: 'text' }) textStatus: TextStatus;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt: Date | null;
  @Column({ name: 'deleted_by', type: 'text', nullable: true }) deletedBy: string | null;
  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true }) purgedAt: Date | null;
}

@Entity('document_version')
export class DocumentVersion {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' }) documentId: string;
  @PrimaryColumn({ type: 'integer' }) number: number;
  @Column({ type: 'text' }) sha256: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;
  @Column({ name: 'mime_type', type: 'text' }) mimeType: string;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}

@Entity('document_grant')
export class DocumentGrant {
  @PrimaryColumn({ name: 'document_id', type: 'uuid' }) documentId: string;
  @PrimaryColumn({ name: 'user_id', type: 'text' }) userId: string;
  @Column({ name: 'granted_by', type: 'text', nullable: true }) grantedBy: string | null;
  @Column({ name: 'requested_by', type: 'text', nullable: true }) requestedBy: string | null;
  @Column({ name: 'granted_at', type: 'timestamptz', insert: false, update: false }) grantedAt: Date;
}
