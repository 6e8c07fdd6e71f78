import {
  type ServiceContext,
  badInput,
  byIdLoader,
  groupByKeys,
  isUuid,
  recordEvents,
  lockById,
} from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { type JournalLineInput, checkText } from '../journal/journal.rules.js';
import type { Ledger } from '../journal/ledger.js';
import { POSTING_ACCOUNTS as A } from './accounts.js';
import { Invoice, Payment, Settlement } from './invoice.entity.js';
import { invoiceSettled, paymentRecorded } from './invoice.events.js';
import {
  type Allocation,
  type OpenInvoice,
  type PaymentKind,
  checkAllocations,
  checkSettleable,
  toBase,
} from './invoice.rules.js';
import { exchangeRateFor } from './invoice.service.js';
import type { RecordPaymentInput } from '../generated/graphql.js';

export class PaymentService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: Ledger,
  ) {}

  /**
   * Books money in or out of the bank against an unapplied account: it is the settlement that says which
   * invoices the money pays, so a payment never guesses.
   */
  async record(ctx: ServiceContext, input: RecordPaymentInput): Promise<Payment> {
    const counterparty = checkText(input.counterparty, 'counterparty', 200) as string;
    const reference = checkText(input.reference, 'reference', 100, false);
    const amount = new Decimal(input.amount);
    if (amount.lessThanOrEqualTo(0)) throw badInput('amount must be greater than zero', 'amount');
    if (amount.decimalPlaces() > 2) throw badInput('amount has more than two decimals', 'amount');
    const currency = input.currency.trim().toUpperCase();
    const rate = exchangeRateFor(currency, input.exchangeRate, this.ledger.settings.baseCurrency);
    const base = toBase(amount.toFixed(2), rate);
    const received = input.kind === 'RECEIVED';
    return this.db.transaction(async (em) => {
      const paymentId: string = (await em.query('SELECT gen_random_uuid() AS id'))[0].id;
      const lines: JournalLineInput[] = received
        ? [
            { accountCode: A.bank, debit: base, description: counterparty },
            { accountCode: A.unappliedReceipts, credit: base, description: counterparty },
          ]
        : [
            { accountCode: A.unappliedPaymentsMade, debit: base, description: counterparty },
            { accountCode: A.bank, credit: base, description: counterparty },
          ];
      const entry = await this.ledger.book(
        em,
        {
          date: input.date,
          description: `Payment ${received ? 'from' : 'to'} ${counterparty}`.slice(0, 500),
          reference,
          lines,
          source: 'PAYMENT',
          sourceId: paymentId,
        },
        ctx.identity.userId as string,
        ctx.identity,
      );
      await em.query(
        `INSERT INTO payment (id, kind, counterparty, amount, currency, exchange_rate, date, reference, journal_entry_id,
           created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          paymentId,
          input.kind,
          counterparty,
          amount.toFixed(2),
          currency,
          rate,
          input.date,
          reference,
          entry.id,
          ctx.identity.userId,
        ],
      );
      const payment = await em.findOneByOrFail(Payment, { id: paymentId });
      await recordEvents(em, paymentRecorded(payment, ctx.identity));
      return payment;
    });
  }

  /**
   * Applies a payment to open invoices: moves the amounts from the unapplied account to the receivable
   * (or payable), any difference between the two documents' exchange rates to exchange differences.
   * Payment and invoices are locked, so two settlements never spend the same money twice.
   */
  async settle(
    ctx: ServiceContext,
    paymentId: string,
    allocations: Allocation[],
    date?: string | null,
  ): Promise<Payment> {
    return this.db.transaction(async (em) => {
      const payment = await lockById(em, Payment, paymentId, { field: 'paymentId' });
      const ids = [...new Set(allocations.map((a) => a.invoiceId).filter(isUuid))].sort();
      if (ids.length)
        await em.query('SELECT id FROM invoice WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
      const invoices = ids.length
        ? await em.getRepository(Invoice).createQueryBuilder('i').where('i.id = ANY(:ids)', { ids }).getMany()
        : [];
      const open = new Map<string, OpenInvoice>(
        invoices.map((i) => [
          i.id,
          {
            id: i.id,
            kind: i.kind,
            counterparty: i.counterparty,
            currency: i.currency,
            open: new Decimal(i.total).minus(i.settledAmount).toFixed(2),
          },
        ]),
      );
      await requirePosted(em, payment, invoices);
      checkAllocations(
        {
          kind: payment.kind,
          counterparty: payment.counterparty,
          currency: payment.currency,
          unapplied: new Decimal(payment.amount).minus(payment.appliedAmount).toFixed(2),
        },
        allocations,
        open,
      );
      const on = date ?? new Date().toISOString().slice(0, 10);
      if (on < payment.date) throw badInput('a settlement cannot be dated before its payment', 'date');
      const byId = new Map(invoices.map((i) => [i.id, i]));
      const received = payment.kind === 'RECEIVED';
      const lines: JournalLineInput[] = [];
      let exchange = new Decimal(0);
      for (const a of allocations) {
        const invoice = byId.get(a.invoiceId) as Invoice;
        const atPayment = toBase(a.amount, payment.exchangeRate);
        const atInvoice = toBase(a.amount, invoice.exchangeRate);
        const what = `${invoice.number} ${invoice.counterparty}`;
        if (received) {
          lines.push({ accountCode: A.unappliedReceipts, debit: atPayment, description: what });
          lines.push({ accountCode: A.receivable, credit: atInvoice, description: what });
          exchange = exchange.plus(atInvoice).minus(atPayment);
        } else {
          lines.push({ accountCode: A.payable, debit: atInvoice, description: what });
          lines.push({ accountCode: A.unappliedPaymentsMade, credit: atPayment, description: what });
          exchange = exchange.plus(atPayment).minus(atInvoice);
        }
      }
      // A positive difference is a loss (more debit needed), a negative one a gain.
      if (exchange.greaterThan(0))
        lines.push({
          accountCode: A.exchangeDifferences,
          debit: exchange.toFixed(2),
          description: 'Exchange difference',
        });
      if (exchange.lessThan(0))
        lines.push({
          accountCode: A.exchangeDifferences,
          credit: exchange.negated().toFixed(2),
          description: 'Exchange difference',
        });
      const entry = await this.ledger.book(
        em,
        {
          date: on,
          description:
            `Settlement of payment ${payment.reference ?? payment.id.slice(0, 8)} ${payment.counterparty}`.slice(
              0,
              500,
            ),
          reference: payment.reference,
          lines,
          source: 'SETTLEMENT',
        },
        ctx.identity.userId as string,
        ctx.identity,
        // A settlement moves money already booked between two accounts, and only money whose booking
        // is posted (requirePosted): four eyes looked at the payment and the invoices already.
        { fourEyes: false },
      );
      for (const a of allocations) {
        const amount = new Decimal(a.amount).toFixed(2);
        await em.query(
          `INSERT INTO settlement (payment_id, invoice_id, amount, date, journal_entry_id, created_by)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [payment.id, a.invoiceId, amount, on, entry.id, ctx.identity.userId],
        );
        await em.query('UPDATE invoice SET settled_amount = settled_amount + $2 WHERE id = $1', [
          a.invoiceId,
          amount,
        ]);
        await em.query('UPDATE payment SET applied_amount = applied_amount + $2 WHERE id = $1', [
          payment.id,
          amount,
        ]);
      }
      for (const invoice of await em
        .getRepository(Invoice)
        .createQueryBuilder('i')
        .where('i.id = ANY(:ids)', { ids })
        .getMany()) {
        const applied = allocations
          .filter((a) => a.invoiceId === invoice.id)
          .reduce((s, a) => s.plus(a.amount), new Decimal(0))
          .toFixed(2);
        const left = new Decimal(invoice.total).minus(invoice.settledAmount).toFixed(2);
        await recordEvents(em, invoiceSettled(invoice, payment.id, applied, left, ctx.identity));
      }
      return em.findOneByOrFail(Payment, { id: payment.id });
    });
  }

  byId(ctx: ServiceContext, id: string): Promise<Payment | null> {
    return byIdLoader(ctx, this.db, Payment).load(id);
  }

  /** Payments of a counterparty, those with money still unapplied first. */
  list(
    counterparty: string | null | undefined,
    kind: PaymentKind | null | undefined,
    unappliedOnly: boolean,
  ) {
    const qb = this.db.getRepository(Payment).createQueryBuilder('p');
    if (counterparty) qb.andWhere('lower(p.counterparty) = lower(:cp)', { cp: counterparty.trim() });
    if (kind) qb.andWhere('p.kind = :kind', { kind });
    if (unappliedOnly) qb.andWhere('p.applied_amount < p.amount');
    return qb.orderBy('p.date', 'DESC').addOrderBy('p.id').limit(500).getMany();
  }

  settlementsOf(ctx: ServiceContext, column: 'payment_id' | 'invoice_id', id: string): Promise<Settlement[]> {
    return ctx.loaders
      .get<string, Settlement[]>(`settlements-by-${column}`, async (ids) => {
        const rows = await this.db
          .getRepository(Settlement)
          .createQueryBuilder('s')
          .where(`s.${column} = ANY(:ids)`, { ids })
          .orderBy('s.id')
          .getMany();
        return groupByKeys(ids, rows, (s) => (column === 'payment_id' ? s.paymentId : s.invoiceId));
      })
      .load(id);
  }
}

/** The status of the payment's and each invoice's entry, for checkSettleable. */
async function requirePosted(em: EntityManager, payment: Payment, invoices: Invoice[]): Promise<void> {
  const rows: { id: string; status: string }[] = await em.query(
    'SELECT id, status FROM journal_entry WHERE id = ANY($1)',
    [[payment.journalEntryId, ...invoices.map((i) => i.journalEntryId)]],
  );
  const status = new Map(rows.map((r) => [r.id, r.status]));
  checkSettleable(
    status.get(payment.journalEntryId),
    invoices.map((i) => ({ number: i.number, status: status.get(i.journalEntryId) })),
  );
}
