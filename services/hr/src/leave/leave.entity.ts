import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LeaveStatus } from './leave.rules.js';

@Entity('leave_request')
export class LeaveRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ name: 'half_day_start', type: 'boolean' }) halfDayStart: boolean;
  @Column({ name: 'half_day_end', type: 'boolean' }) halfDayEnd: boolean;
  @Column({ type: 'numeric', precision: 6, scale: 1 }) days: string;
  @Column({ type: 'text' }) status: LeaveStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy: string;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decision_comment', type: 'text', nullable: true }) decisionComment: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
