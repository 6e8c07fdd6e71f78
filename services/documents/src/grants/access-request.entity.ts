import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AccessRequestStatus = 'PENDING' | 'GRANTED' | 'REFUSED';

/** A request to let a user read a document beyond its classification; granted only by a second person. */
@Entity('document_access_request')
export class DocumentAccessRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ name: 'user_id', type: 'text' }) userId: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'text' }) status: AccessRequestStatus;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy: string;
  @Column({ name: 'requested_at', type: 'timestamptz', insert: false, update: false }) requestedAt: Date;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}
