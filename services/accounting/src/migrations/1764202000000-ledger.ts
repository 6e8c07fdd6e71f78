import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The standard chart every company starts from; accountants add their own with `createAccount`. */
const STANDARD_CHART: [code: string, name: string, type: string][] = [
  ['1000', 'Cash', 'ASSET'],
  ['1100', 'Bank', 'ASSET'],
  ['1300', 'Accounts receivable', 'ASSET'],
  ['1350', 'Unapplied payments made', 'ASSET'],
  ['1500', 'VAT receivable', 'ASSET'],
  ['2000', 'Accounts payable', 'LIABILITY'],
  ['2100', 'VAT payable', 'LIABILITY'],
  ['2200', 'Wage withholding payable', 'LIABILITY'],
  ['2210', 'Pension payable', 'LIABILITY'],
  ['2220', 'Net pay payable', 'LIABILITY'],
  ['2300', 'Unapplied receipts', 'LIABILITY'],
  ['3000', 'Equity', 'EQUITY'],
  ['3100', 'Retained earnings', 'EQUITY'],
  ['4000', 'Salaries expense', 'EXPENSE'],
  ['4100', 'Allowances expense', 'EXPENSE'],
  ['4500', 'General expenses', 'EXPENSE'],
  ['4900', 'Exchange differences', 'EXPENSE'],
  ['8000', 'Revenue', 'REVENUE'],
];

export class Ledger1764202000000 implements MigrationInterface {
  name = 'Ledger1764202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account (
        code text PRIMARY KEY CHECK (code ~ '^[0-9A-Z][0-9A-Z.-]{0,19}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        type text NOT NULL CHECK (type IN ('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE')),
        parent_code text REFERENCES account (code),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The export names accounts `Assets:Bank`: a name must be unique within its type.
    await q.query('CREATE UNIQUE INDEX account_name_per_type ON account (type, lower(name))');
    const values = STANDARD_CHART.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
    await q.query(`INSERT INTO account (code, name, type) VALUES ${values}`, STANDARD_CHART.flat());

    await q.query(`
      CREATE TABLE journal_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        number text UNIQUE,
        date date NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        reference text,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        total numeric(18, 2) NOT NULL CHECK (total > 0),
        status text NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'POSTED', 'REJECTED', 'REVERSED')),
        source text NOT NULL CHECK (source IN ('MANUAL', 'INVOICE', 'PAYMENT', 'SETTLEMENT', 'PAYROLL', 'REVERSAL')),
        source_id text,
        reversal_of uuid REFERENCES journal_entry (id),
        author text NOT NULL,
        decided_by text,
        decision_comment text,
        created_at timestamptz NOT NULL DEFAULT now(),
        posted_at timestamptz,
        -- A number exactly when the entry is (or was) in the books.
        CHECK ((number IS NOT NULL) = (status IN ('POSTED', 'REVERSED'))),
        CHECK ((posted_at IS NOT NULL) = (status IN ('POSTED', 'REVERSED')))
      )`);
    // One booking per business document (a payroll run, an invoice), however often its event comes.
    await q.query(
      'CREATE UNIQUE INDEX journal_entry_one_per_source ON journal_entry (source, source_id) WHERE source_id IS NOT NULL',
    );
    // An entry is reversed at most once.
    await q.query(
      'CREATE UNIQUE INDEX journal_entry_one_reversal ON journal_entry (reversal_of) WHERE reversal_of IS NOT NULL',
    );
    await q.query('CREATE INDEX journal_entry_by_date ON journal_entry (date, seq)');
    await q.query(`
      CREATE TABLE journal_line (
        entry_id uuid NOT NULL REFERENCES journal_entry (id),
        line_no int NOT NULL CHECK (line_no >= 1),
        account_code text NOT NULL REFERENCES account (code),
        debit numeric(18, 2) NOT NULL DEFAULT 0 CHECK (debit >= 0),
        credit numeric(18, 2) NOT NULL DEFAULT 0 CHECK (credit >= 0),
        cost_center text CHECK (cost_center ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$'),
        description text,
        PRIMARY KEY (entry_id, line_no),
        -- Exactly one side per line.
        CHECK ((debit > 0) <> (credit > 0))
      )`);
    await q.query('CREATE INDEX journal_line_by_account ON journal_line (account_code)');
    await q.query(`
      CREATE TABLE fiscal_year_counter (
        year int PRIMARY KEY,
        last_number int NOT NULL CHECK (last_number >= 0)
      )`);
    await q.query(`
      CREATE TABLE fiscal_period (
        period text PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by text
      )`);
    await q.query(`
      CREATE TABLE fiscal_period_change (
        id bigserial PRIMARY KEY,
        period text NOT NULL REFERENCES fiscal_period (period),
        action text NOT NULL CHECK (action IN ('CLOSED', 'REOPENED')),
        reason text,
        changed_by text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Debits equal credits per entry, checked when the transaction commits (lines arrive one by one).
    await q.query(`
      CREATE FUNCTION journal_entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        d numeric; c numeric; n int;
      BEGIN
        -- Each branch names only fields the firing table has.
        IF TG_TABLE_NAME = 'journal_entry' THEN
          target := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          target := OLD.entry_id;
        ELSE
          target := NEW.entry_id;
        END IF;
        SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO d, c, n
          FROM journal_line WHERE entry_id = target;
        IF n < 2 OR d <> c OR d = 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance: debit %, credit %, % lines', target, d, c, n
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_line_balance AFTER INSERT OR UPDATE OR DELETE ON journal_line
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_entry_balance AFTER INSERT ON journal_entry
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance()`);

    // Lines never change once written; a correction is a reversal.
    await q.query(`
      CREATE FUNCTION journal_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'journal lines are immutable; reverse the entry instead'
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_line_no_change BEFORE UPDATE OR DELETE ON journal_line
      FOR EACH ROW EXECUTE FUNCTION journal_line_immutable()`);

    // Entries: only the status moves, and only forward (pending -> posted|rejected, posted -> reversed).
    await q.query(`
      CREATE FUNCTION journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'journal entries are never deleted' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF (NEW.id, NEW.seq, NEW.date, NEW.description, NEW.reference, NEW.currency, NEW.total, NEW.source,
            NEW.source_id, NEW.reversal_of, NEW.author, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.seq, OLD.date, OLD.description, OLD.reference, OLD.currency, OLD.total, OLD.source,
            OLD.source_id, OLD.reversal_of, OLD.author, OLD.created_at) THEN
          RAISE EXCEPTION 'journal entry % is immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.status = 'POSTED' AND NEW.status = 'REVERSED'
           AND (NEW.number, NEW.posted_at, NEW.decided_by, NEW.decision_comment)
               IS NOT DISTINCT FROM (OLD.number, OLD.posted_at, OLD.decided_by, OLD.decision_comment) THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'PENDING_APPROVAL' AND NEW.status IN ('POSTED', 'REJECTED', 'PENDING_APPROVAL') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'journal entry % is % and cannot become %', OLD.id, OLD.status, NEW.status
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_entry_immutable BEFORE UPDATE OR DELETE ON journal_entry
      FOR EACH ROW EXECUTE FUNCTION journal_entry_guard()`);

    // Nothing enters the books in a closed period. The period row is created on first use and share-locked,
    // so closePeriod (which updates it) waits for in-flight postings and they wait for it.
    await q.query(`
      CREATE FUNCTION journal_entry_open_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        p text := to_char(NEW.date, 'YYYY-MM');
        s text;
      BEGIN
        IF NEW.status <> 'POSTED' OR (TG_OP = 'UPDATE' AND OLD.status = 'POSTED') THEN
          RETURN NEW;
        END IF;
        INSERT INTO fiscal_period (period) VALUES (p) ON CONFLICT DO NOTHING;
        SELECT status INTO s FROM fiscal_period WHERE period = p FOR SHARE;
        IF s = 'CLOSED' THEN
          RAISE EXCEPTION 'period % is closed', p USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER journal_entry_period_open BEFORE INSERT OR UPDATE ON journal_entry
      FOR EACH ROW EXECUTE FUNCTION journal_entry_open_period()`);

    await q.query(`
      CREATE TABLE invoice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('CUSTOMER', 'SUPPLIER')),
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 50),
        counterparty text NOT NULL CHECK (length(counterparty) BETWEEN 1 AND 200),
        issue_date date NOT NULL,
        due_date date NOT NULL CHECK (due_date >= issue_date),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        exchange_rate numeric(18, 8) NOT NULL CHECK (exchange_rate > 0),
        net_total numeric(18, 2) NOT NULL,
        vat_total numeric(18, 2) NOT NULL,
        total numeric(18, 2) NOT NULL CHECK (total = net_total + vat_total AND total > 0),
        settled_amount numeric(18, 2) NOT NULL DEFAULT 0 CHECK (settled_amount >= 0 AND settled_amount <= total),
        journal_entry_id uuid NOT NULL REFERENCES journal_entry (id),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Our own numbers are unique; a supplier's number is unique per supplier.
    await q.query(`CREATE UNIQUE INDEX invoice_customer_number ON invoice (number) WHERE kind = 'CUSTOMER'`);
    await q.query(
      `CREATE UNIQUE INDEX invoice_supplier_number ON invoice (lower(counterparty), number) WHERE kind = 'SUPPLIER'`,
    );
    await q.query('CREATE INDEX invoice_open_items ON invoice (lower(counterparty), kind, due_date)');
    await q.query(`
      CREATE TABLE invoice_line (
        invoice_id uuid NOT NULL REFERENCES invoice (id),
        line_no int NOT NULL,
        description text NOT NULL,
        quantity numeric(14, 4) NOT NULL CHECK (quantity > 0),
        unit_price numeric(18, 4) NOT NULL CHECK (unit_price >= 0),
        vat_rate numeric(5, 2) NOT NULL CHECK (vat_rate >= 0 AND vat_rate <= 100),
        account_code text NOT NULL REFERENCES account (code),
        net_amount numeric(18, 2) NOT NULL,
        vat_amount numeric(18, 2) NOT NULL,
        PRIMARY KEY (invoice_id, line_no)
      )`);
    await q.query(`
      CREATE TABLE invoice_number_counter (
        year int PRIMARY KEY,
        last_number int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('RECEIVED', 'MADE')),
        counterparty text NOT NULL CHECK (length(counterparty) BETWEEN 1 AND 200),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        exchange_rate numeric(18, 8) NOT NULL CHECK (exchange_rate > 0),
        date date NOT NULL,
        reference text,
        applied_amount numeric(18, 2) NOT NULL DEFAULT 0 CHECK (applied_amount >= 0 AND applied_amount <= amount),
        journal_entry_id uuid NOT NULL REFERENCES journal_entry (id),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE settlement (
        id bigserial PRIMARY KEY,
        payment_id uuid NOT NULL REFERENCES payment (id),
        invoice_id uuid NOT NULL REFERENCES invoice (id),
        amount numeric(18, 2) NOT NULL CHECK (amount > 0),
        date date NOT NULL,
        journal_entry_id uuid NOT NULL REFERENCES journal_entry (id),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX settlement_by_invoice ON settlement (invoice_id)');
    await q.query('CREATE INDEX settlement_by_payment ON settlement (payment_id)');
    await q.query(`
      CREATE TABLE employee_payroll_cost (
        employee_id text NOT NULL,
        payroll_run_id text NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        cost_center text,
        cost numeric(18, 2) NOT NULL,
        currency text NOT NULL,
        PRIMARY KEY (employee_id, payroll_run_id)
      )`);
    await q.query(
      'CREATE INDEX employee_payroll_cost_by_year ON employee_payroll_cost (employee_id, period)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE employee_payroll_cost, settlement, payment, invoice_number_counter, invoice_line, invoice,
        fiscal_period_change, fiscal_period, fiscal_year_counter, journal_line, journal_entry, account`,
    );
    await q.query(
      'DROP FUNCTION journal_entry_must_balance, journal_line_immutable, journal_entry_guard, journal_entry_open_period',
    );
  }
}
