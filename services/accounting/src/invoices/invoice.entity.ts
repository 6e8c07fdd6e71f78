import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InvoiceKind, PaymentKind } from './invoice.rules.js';

@Entity('invoice')
export class Invoice {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) kind: InvoiceKind;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'text' }) counterparty: string;
  @Column({ name: 'issue_date', type: 'date' }) issueDate: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ type: 'text' }) currency: string;
  @Column({ name: 'exchange_rate', type: 'numeric' }) exchangeRate: string;
  @Column({ name: 'net_total', type: 'numeric' }) netTotal: string;
  @Column({ name: 'vat_total', type: 'numeric' }) vatTotal: string;
  @Column({ type: 'numeric' }) total: string;
  @Column({ name: 'settled_amount', type: 'numeric' }) settledAmount: string;
  @Column({ name: 'journal_entry_id', type: 'uuid' }) journalEntryId: string;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('invoice_line')
export class InvoiceLine {
  @PrimaryColumn({ name: 'invoice_id', type: 'uuid' }) invoiceId: string;
  @PrimaryColumn({ name: 'line_no', type: 'int' }) lineNo: number;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'numeric' }) quantity: string;
  @Column({ name: 'unit_price', type: 'numeric' }) unitPrice: string;
  @Column({ name: 'vat_rate', type: 'numeric' }) vatRate: string;
  @Column({ name: 'vat_code', type: 'text', nullable: true }) vatCode: string | null;
  @Column({ name: 'account_code', type: 'text' }) accountCode: string;
  @Column({ name: 'net_amount', type: 'numeric' }) netAmount: string;
  @Column({ name: 'vat_amount', type: 'numeric' }) vatAmount: string;
}

@Entity('payment')
export class Payment {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) kind: PaymentKind;
  @Column({ type: 'text' }) counterparty: string;
  @Column({ type: 'numeric' }) amount: string;
  @Column({ type: 'text' }) currency: string;
  @Column({ name: 'exchange_rate', type: 'numeric' }) exchangeRate: string;
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ name: 'applied_amount', type: 'numeric' }) appliedAmount: string;
  @Column({ name: 'journal_entry_id', type: 'uuid' }) journalEntryId: string;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('settlement')
export class Settlement {
  @PrimaryColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'payment_id', type: 'uuid' }) paymentId: string;
  @Column({ name: 'invoice_id', type: 'uuid' }) invoiceId: string;
  @Column({ type: 'numeric' }) amount: string;
  @Column({ type: 'date' }) date: string;
  @Column({ name: 'journal_entry_id', type: 'uuid' }) journalEntryId: string;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
