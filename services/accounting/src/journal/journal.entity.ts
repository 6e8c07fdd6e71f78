import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JournalEntryStatus = 'PENDING_APPROVAL' | 'POSTED' | 'REJECTED' | 'REVERSED';
export type EntrySource = 'MANUAL' | 'INVOICE' | 'PAYMENT' | 'SETTLEMENT' | 'PAYROLL' | 'REVERSAL' | 'STOCK';

@Entity('journal_entry')
export class JournalEntry {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'bigint' }) seq: string;
  @Column({ type: 'text', nullable: true }) number: string | null;
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text' }) currency: string;
  @Column({ type: 'numeric' }) total: string;
  @Column({ type: 'text' }) status: JournalEntryStatus;
  @Column({ type: 'text' }) source: EntrySource;
  @Column({ name: 'source_id', type: 'text', nullable: true }) sourceId: string | null;
  @Column({ name: 'reversal_of', type: 'uuid', nullable: true }) reversalOf: string | null;
  @Column({ type: 'text' }) author: string;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decision_comment', type: 'text', nullable: true }) decisionComment: string | null;
  /** The event that asked compliance for four eyes: only the decision on that request moves the entry. */
  @Column({ name: 'approval_request_id', type: 'text', nullable: true }) approvalRequestId: string | null;
  @Column({ name: 'approval_role', type: 'text', nullable: true }) approvalRole: string | null;
  @Column({ name: 'approval_steps', type: 'int', nullable: true }) approvalSteps: number | null;
  /** compliance's approval whose decision was applied. */
  @Column({ name: 'approval_id', type: 'text', nullable: true }) approvalId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true }) postedAt: Date | null;
}

@Entity('journal_line')
export class JournalLine {
  @PrimaryColumn({ name: 'entry_id', type: 'uuid' }) entryId: string;
  @PrimaryColumn({ name: 'line_no', type: 'int' }) lineNo: number;
  @Column({ name: 'account_code', type: 'text' }) accountCode: string;
  @Column({ type: 'numeric' }) debit: string;
  @Column({ type: 'numeric' }) credit: string;
  @Column({ name: 'cost_center', type: 'text', nullable: true }) costCenter: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
}
