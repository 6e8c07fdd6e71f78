import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type StockMovementKind =
  | 'RECEIPT'
  | 'ISSUE'
  | 'ADJUSTMENT'
  | 'TRANSFER_OUT'
  | 'TRANSFER_IN'
  | 'RESERVATION'
  | 'RELEASE';
export type ReservationStatus = 'ACTIVE' | 'RELEASED' | 'ISSUED' | 'EXPIRED';

/** A product's stock in a warehouse: written only together with the movement that changes it. */
@Entity('stock_balance')
export class StockBalance {
  @PrimaryColumn({ name: 'product_id', type: 'uuid' }) productId: string;
  @PrimaryColumn({ name: 'warehouse_id', type: 'uuid' }) warehouseId: string;
  @Column({ name: 'on_hand', type: 'numeric' }) onHand: string;
  @Column({ type: 'numeric' }) reserved: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One ledger entry; the database refuses updates and deletes. */
@Entity('stock_movement')
export class StockMovement {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) position: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ name: 'warehouse_id', type: 'uuid' }) warehouseId: string;
  @Column({ type: 'text' }) kind: StockMovementKind;
  @Column({ type: 'numeric' }) quantity: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'reservation_id', type: 'uuid', nullable: true }) reservationId: string | null;
  /** What one unit was valued at (receipts and issues). */
  @Column({ name: 'unit_cost', type: 'numeric', nullable: true }) unitCost: string | null;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('reservation')
export class Reservation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ name: 'warehouse_id', type: 'uuid' }) warehouseId: string;
  @Column({ type: 'numeric' }) quantity: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'text' }) status: ReservationStatus;
  @Column({ name: 'created_by', type: 'text', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
}
