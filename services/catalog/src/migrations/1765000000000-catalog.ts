import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1765000000000 implements MigrationInterface {
  name = 'Catalog1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // uuid, numeric and daterange in one exclusion constraint (price periods).
    await q.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await q.query(`
      CREATE TABLE product (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku text NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'),
        name_nl text NOT NULL CHECK (length(name_nl) BETWEEN 1 AND 200),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
        description_nl text CHECK (length(description_nl) <= 5000),
        description_en text CHECK (length(description_en) <= 5000),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),
        vat_code text NOT NULL
          CHECK (vat_code IN ('HIGH', 'LOW', 'ZERO', 'REVERSE_CHARGED', 'EU_REVERSE_CHARGED', 'NON_EU')),
        vat_rate numeric(5, 2) NOT NULL CHECK (vat_rate >= 0 AND vat_rate <= 100),
        active boolean NOT NULL DEFAULT true,
        reorder_level numeric(18, 3) CHECK (reorder_level >= 0),
        product_group text CHECK (length(product_group) BETWEEN 1 AND 60),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX product_by_group ON product (product_group, sku)');
    await q.query(`
      CREATE TABLE price_list (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // valid_to is inclusive and null while open; the exclusion constraint is the rule, not the service.
    await q.query(`
      CREATE TABLE price (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES product (id),
        price_list_id uuid NOT NULL REFERENCES price_list (id),
        min_quantity numeric(18, 3) NOT NULL CHECK (min_quantity > 0),
        amount numeric(18, 4) NOT NULL CHECK (amount >= 0),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to >= valid_from),
        validity daterange GENERATED ALWAYS AS (daterange(valid_from, valid_to, '[]')) STORED,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT price_no_overlap EXCLUDE USING gist
          (product_id WITH =, price_list_id WITH =, min_quantity WITH =, validity WITH &&)
      )`);
    await q.query(`
      CREATE TABLE warehouse (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The balance each movement updates in its own transaction; available never below zero.
    await q.query(`
      CREATE TABLE stock_balance (
        product_id uuid NOT NULL REFERENCES product (id),
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        on_hand numeric(18, 3) NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        reserved numeric(18, 3) NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, warehouse_id),
        CONSTRAINT stock_available_not_negative CHECK (reserved <= on_hand)
      )`);
    await q.query(`
      CREATE TABLE reservation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES product (id),
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0),
        reference text CHECK (length(reference) <= 200),
        expires_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'RELEASED', 'ISSUED', 'EXPIRED')),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX reservation_expiring ON reservation (expires_at) WHERE status = 'ACTIVE'`);
    await q.query('CREATE INDEX reservation_by_product ON reservation (product_id, created_at)');
    await q.query(`
      CREATE TABLE stock_movement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        product_id uuid NOT NULL REFERENCES product (id),
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        kind text NOT NULL CHECK (kind IN
          ('RECEIPT', 'ISSUE', 'ADJUSTMENT', 'TRANSFER_OUT', 'TRANSFER_IN', 'RESERVATION', 'RELEASE')),
        quantity numeric(18, 3) NOT NULL CHECK (quantity > 0 OR (kind = 'ADJUSTMENT' AND quantity <> 0)),
        reference text CHECK (length(reference) <= 200),
        reason text CHECK (length(reason) <= 500),
        reservation_id uuid REFERENCES reservation (id),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX stock_movement_by_product ON stock_movement (product_id, position DESC)');
    // The ledger is append-only, whoever connects.
    await q.query(`
      CREATE FUNCTION stock_movement_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stock movements are never changed or removed' USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER stock_movement_append_only BEFORE UPDATE OR DELETE ON stock_movement
      FOR EACH ROW EXECUTE FUNCTION stock_movement_immutable()`);
    // A SKU is fixed once used: prices, orders and the ledger refer to it in their events.
    await q.query(`
      CREATE FUNCTION product_sku_fixed_once_used() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.sku <> OLD.sku AND (EXISTS (SELECT 1 FROM price WHERE product_id = OLD.id)
            OR EXISTS (SELECT 1 FROM stock_movement WHERE product_id = OLD.id)) THEN
          RAISE EXCEPTION 'the SKU of a product with prices or stock movements is fixed'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER product_sku_fixed BEFORE UPDATE OF sku ON product
      FOR EACH ROW EXECUTE FUNCTION product_sku_fixed_once_used()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'stock_movement',
      'reservation',
      'stock_balance',
      'warehouse',
      'price',
      'price_list',
      'product',
    ])
      await q.query(`DROP TABLE ${table}`);
    await q.query('DROP FUNCTION stock_movement_immutable');
    await q.query('DROP FUNCTION product_sku_fixed_once_used');
  }
}
