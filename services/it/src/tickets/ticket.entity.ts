import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Priority } from '../sla/sla.priority.js';
import type { TicketCategory, TicketStatus } from './ticket.types.js';

@Entity('ticket')
export class Ticket {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) number: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text' }) category: TicketCategory;
  @Column({ type: 'text' }) priority: Priority;
  @Column({ type: 'text' }) status: TicketStatus;
  @Column({ name: 'requester_id', type: 'uuid' }) requesterId: string;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  /** The event that opened this ticket (onboarding, offboarding): unique, so a redelivery opens none. */
  @Column({ name: 'source_event_id', type: 'text', nullable: true }) sourceEventId: string | null;
  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true }) firstRespondedAt: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  /** The SLA due times as of the last change (pauses extend the resolution one); kept for SQL reports. */
  @Column({ name: 'response_due_at', type: 'timestamptz' }) responseDueAt: Date;
  @Column({ name: 'resolution_due_at', type: 'timestamptz' }) resolutionDueAt: Date;
  @Column({ name: 'breach_recorded_at', type: 'timestamptz', nullable: true }) breachRecordedAt: Date | null;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('ticket_sla_pause')
export class TicketSlaPause {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'ticket_id', type: 'uuid' }) ticketId: string;
  @Column({ name: 'paused_from', type: 'timestamptz' }) pausedFrom: Date;
  @Column({ name: 'paused_to', type: 'timestamptz', nullable: true }) pausedTo: Date | null;
}

@Entity('ticket_comment')
export class TicketComment {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'ticket_id', type: 'uuid' }) ticketId: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'boolean' }) internal: boolean;
  @Column({ type: 'text', nullable: true }) author: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('ticket_change')
export class TicketChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'ticket_id', type: 'uuid' }) ticketId: string;
  @Column({ type: 'text' }) kind: 'STATUS' | 'ASSIGNEE' | 'PRIORITY';
  @Column({ name: 'from_value', type: 'text', nullable: true }) fromValue: string | null;
  @Column({ name: 'to_value', type: 'text', nullable: true }) toValue: string | null;
  @Column({ name: 'changed_by', type: 'text', nullable: true }) changedBy: string | null;
  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
}

/** Employees who follow a ticket; they may see it like its requester. */
@Entity('ticket_watcher')
export class TicketWatcher {
  @PrimaryColumn({ name: 'ticket_id', type: 'uuid' }) ticketId: string;
  @PrimaryColumn({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @Column({ name: 'added_by', type: 'text', nullable: true }) addedBy: string | null;
  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' }) addedAt: Date;
}
