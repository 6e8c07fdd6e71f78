import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AllowanceKind } from '../payroll/payroll.rules.js';

@Entity('allowance')
export class Allowance {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @Column({ type: 'text' }) kind: AllowanceKind;
  @Column({ name: 'monthly_amount', type: 'numeric', precision: 14, scale: 2 }) monthlyAmount: string;
  @Column({ type: 'text' }) currency: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
