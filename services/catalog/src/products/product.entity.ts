import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VatCode } from './product.rules.js';

@Entity('product')
export class Product {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ name: 'name_nl', type: 'text' }) nameNl: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  @Column({ name: 'description_nl', type: 'text', nullable: true }) descriptionNl: string | null;
  @Column({ name: 'description_en', type: 'text', nullable: true }) descriptionEn: string | null;
  @Column({ type: 'text' }) unit: string;
  @Column({ name: 'vat_code', type: 'text' }) vatCode: VatCode;
  @Column({ name: 'vat_rate', type: 'numeric' }) vatRate: string;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'reorder_level', type: 'numeric', nullable: true }) reorderLevel: string | null;
  @Column({ name: 'product_group', type: 'text', nullable: true }) productGroup: string | null;
  /** Moving average over all warehouses; changed only by receipts (stock.costing.ts). */
  @Column({ name: 'average_cost', type: 'numeric', insert: false, update: false }) averageCost: string;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
