import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PayslipLine } from './payroll.rules.js';

export type PayrollRunStatus = 'DRAFT' | 'CALCULATED' | 'FINALIZED';

@Entity('payroll_run')
export class PayrollRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'text' }) status: PayrollRunStatus;
  @Column({ type: 'text', nullable: true }) currency: string | null;
  @Column({ name: 'total_gross', type: 'numeric', precision: 16, scale: 2 }) totalGross: string;
  @Column({ name: 'total_allowances', type: 'numeric', precision: 16, scale: 2 }) totalAllowances: string;
  @Column({ name: 'total_deductions', type: 'numeric', precision: 16, scale: 2 }) totalDeductions: string;
  @Column({ name: 'total_net', type: 'numeric', precision: 16, scale: 2 }) totalNet: string;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'calculated_at', type: 'timestamptz', nullable: true }) calculatedAt: Date | null;
  @Column({ name: 'calculated_by', type: 'text', nullable: true }) calculatedBy: string | null;
  @Column({ name: 'last_pay_data_change_by', type: 'text', nullable: true }) lastPayDataChangeBy:
    | string
    | null;
  @Column({ name: 'pay_data_changed_by', type: 'text', array: true, default: () => "'{}'" })
  payDataChangedBy: string[];
  @Column({ name: 'four_eyes', type: 'boolean', default: true }) fourEyes: boolean;
  @Column({ name: 'finalized_by', type: 'text', nullable: true }) finalizedBy: string | null;
  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true }) finalizedAt: Date | null;
}

@Entity('payslip')
export class PayslipRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'payroll_run_id', type: 'uuid' }) payrollRunId: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @Column({ name: 'cost_center', type: 'text' }) costCenter: string;
  @Column({ type: 'text' }) currency: string;
  @Column({ name: 'days_paid', type: 'int' }) daysPaid: number;
  @Column({ name: 'days_in_period', type: 'int' }) daysInPeriod: number;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) gross: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) allowances: string;
  @Column({ name: 'pension_employee', type: 'numeric', precision: 14, scale: 2 }) pensionEmployee: string;
  @Column({ name: 'wage_withholding', type: 'numeric', precision: 14, scale: 2 }) wageWithholding: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) deductions: string;
  @Column({ type: 'numeric', precision: 14, scale: 2 }) net: string;
  @Column({ type: 'jsonb' }) lines: PayslipLine[];
}
