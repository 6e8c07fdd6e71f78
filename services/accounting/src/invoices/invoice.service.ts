import {
  type Connection,
  type ServiceContext,
  badInput,
  byIdLoader,
  connection,
  decodeCursor,
  groupByKeys,
  pageSize,
  recordEvents,
} from '@backoffice/kit';
import { Decimal } from 'decimal.js';
import type { DataSource, EntityManager } from 'typeorm';
import { type JournalLineInput, checkText } from '../journal/journal.rules.js';
import type { Ledger } from '../journal/ledger.js';
import { POSTING_ACCOUNTS as A } from './accounts.js';
import { resolveVatCode, selfAssessedVat, type VatCode } from '../vat/vat-codes.js';
import { Invoice, InvoiceLine } from './invoice.entity.js';
import { invoiceIssued } from './invoice.events.js';
import { type InvoiceKind, agingRows, daysPastDue, invoiceAmounts, toBase } from './invoice.rules.js';
import type { CreateInvoiceInput, InvoiceFilter } from '../generated/graphql.js';

/** A document's rate to the base currency: 1 for the base currency, required otherwise. */
export function exchangeRateFor(currency: string, rate: string | null | undefined, base: string): string {
  if (!/^[A-Z]{3}$/.test(currency))
    throw badInput('currency must be an ISO 4217 code such as EUR', 'currency');
  if (currency === base) {
    if (rate && !new Decimal(rate).equals(1))
      throw badInput(`the rate of the base currency ${base} is 1`, 'exchangeRate');
    return '1';
  }
  if (!rate)
    throw badInput(`exchangeRate (${base} per ${currency}) is required for ${currency}`, 'exchangeRate');
  if (new Decimal(rate).lessThanOrEqualTo(0)) throw badInput('exchangeRate must be positive', 'exchangeRate');
  return new Decimal(rate).toFixed();
}

export class InvoiceService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: Ledger,
  ) {}

  /** Issues an invoice and books it: receivable against revenue and VAT, or expense and VAT against payable. */
  async create(ctx: ServiceContext, input: CreateInvoiceInput): Promise<Invoice> {
    const counterparty = checkText(input.counterparty, 'counterparty', 200) as string;
    if (input.dueDate < input.issueDate) throw badInput('dueDate must not be before issueDate', 'dueDate');
    const currency = input.currency.trim().toUpperCase();
    const base = this.ledger.settings.baseCurrency;
    const rate = exchangeRateFor(currency, input.exchangeRate, base);
    // Each line's VAT code and rate (a code sets the rate); reverse-charged lines carry no VAT on the invoice.
    const codes = input.lines.map((l, i) =>
      resolveVatCode(l.vatCode as VatCode | null | undefined, l.vatRate, `lines[${i}]`),
    );
    const lines = input.lines.map((l, i) => ({ ...l, vatRate: codes[i].vatRate }));
    const amounts = invoiceAmounts(lines);
    const customer = input.kind === 'CUSTOMER';
    const accounts = input.lines.map(
      (l) => l.accountCode?.trim().toUpperCase() || (customer ? A.defaultRevenue : A.defaultExpense),
    );
    let number = checkText(input.number, 'number', 50, false);
    if (!customer && !number) throw badInput("a supplier invoice carries the supplier's number", 'number');
    return this.db.transaction(async (em) => {
      // Same index as the invoice's lines, so the field named is the invoice line's accountCode.
      await this.ledger.assertAccountsUsable(em, accounts);
      number ??= await this.nextCustomerNumber(em, input.issueDate);
      const draftLines: JournalLineInput[] = [];
      const side = (amount: string) => (customer ? { credit: amount } : { debit: amount });
      let other = new Decimal(0);
      amounts.lines.forEach((l, i) => {
        const baseNet = toBase(l.net, rate);
        if (new Decimal(baseNet).isZero()) return;
        other = other.plus(baseNet);
        draftLines.push({
          accountCode: accounts[i],
          ...side(baseNet),
          description: input.lines[i].description.trim().slice(0, 500),
        });
      });
      const baseVat = toBase(amounts.vat, rate);
      if (!new Decimal(baseVat).isZero()) {
        other = other.plus(baseVat);
        draftLines.push({
          accountCode: customer ? A.vatPayable : A.vatReceivable,
          ...side(baseVat),
          description: 'VAT',
        });
      }
      // A reverse-charged purchase: we owe its VAT ourselves and deduct it at once (2a/4a/4b and 5b).
      const selfAssessed = amounts.lines.reduce(
        (sum, l, i) => sum.plus(selfAssessedVat(input.kind, codes[i].vatCode, toBase(l.net, rate))),
        new Decimal(0),
      );
      if (!selfAssessed.isZero()) {
        draftLines.push(
          {
            accountCode: A.vatReceivable,
            debit: selfAssessed.toFixed(2),
            description: 'VAT reverse-charged to us',
          },
          {
            accountCode: A.vatPayable,
            credit: selfAssessed.toFixed(2),
            description: 'VAT reverse-charged to us',
          },
        );
      }
      const counter = other.toFixed(2);
      draftLines.unshift(
        customer
          ? { accountCode: A.receivable, debit: counter, description: counterparty }
          : { accountCode: A.payable, credit: counter, description: counterparty },
      );
      const invoiceId: string = (await em.query('SELECT gen_random_uuid() AS id'))[0].id;
      const entry = await this.ledger.book(
        em,
        {
          date: input.issueDate,
          description: `${customer ? 'Invoice' : 'Supplier invoice'} ${number} ${counterparty}`.slice(0, 500),
          reference: number,
          lines: draftLines,
          source: 'INVOICE',
          sourceId: invoiceId,
        },
        ctx.identity.userId as string,
        ctx.identity,
      );
      await em.query(
        `INSERT INTO invoice (id, kind, number, counterparty, issue_date, due_date, currency, exchange_rate, net_total,
           vat_total, total, journal_entry_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          invoiceId,
          input.kind,
          number,
          counterparty,
          input.issueDate,
          input.dueDate,
          currency,
          rate,
          amounts.net,
          amounts.vat,
          amounts.total,
          entry.id,
          ctx.identity.userId,
        ],
      );
      for (const [i, l] of input.lines.entries()) {
        await em.query(
          `INSERT INTO invoice_line (invoice_id, line_no, description, quantity, unit_price, vat_rate, account_code,
             net_amount, vat_amount, vat_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            invoiceId,
            i + 1,
            l.description.trim(),
            l.quantity,
            l.unitPrice,
            codes[i].vatRate,
            accounts[i],
            amounts.lines[i].net,
            amounts.lines[i].vat,
            codes[i].vatCode,
          ],
        );
      }
      const invoice = await em.findOneByOrFail(Invoice, { id: invoiceId });
      await recordEvents(em, invoiceIssued(invoice, ctx.identity));
      return invoice;
    });
  }

  private async nextCustomerNumber(em: EntityManager, issueDate: string): Promise<string> {
    const year = Number(issueDate.slice(0, 4));
    const [{ last_number }] = await em.query(
      `INSERT INTO invoice_number_counter (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = invoice_number_counter.last_number + 1 RETURNING last_number`,
      [year],
    );
    return `INV-${year}-${String(last_number).padStart(5, '0')}`;
  }

  byId(ctx: ServiceContext, id: string): Promise<Invoice | null> {
    return byIdLoader(ctx, this.db, Invoice).load(id);
  }

  lines(ctx: ServiceContext, invoiceId: string): Promise<InvoiceLine[]> {
    return ctx.loaders
      .get<string, InvoiceLine[]>('invoice-lines', async (ids) => {
        const rows = await this.db
          .getRepository(InvoiceLine)
          .createQueryBuilder('l')
          .where('l.invoice_id = ANY(:ids)', { ids })
          .orderBy('l.line_no')
          .getMany();
        return groupByKeys(ids, rows, (l) => l.invoiceId);
      })
      .load(invoiceId);
  }

  async list(args: {
    first?: number | null;
    after?: string | null;
    filter?: InvoiceFilter | null;
  }): Promise<Connection<Invoice>> {
    const first = pageSize(args.first);
    const f = args.filter ?? {};
    const qb = this.db.getRepository(Invoice).createQueryBuilder('i');
    if (f.kind) qb.andWhere('i.kind = :kind', { kind: f.kind });
    if (f.counterparty) qb.andWhere('lower(i.counterparty) = lower(:cp)', { cp: f.counterparty.trim() });
    if (f.openOnly) qb.andWhere('i.settled_amount < i.total');
    // Counted only if the client asks for totalCount: on a big table the count costs more than the page.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    const after = decodeCursor(args.after, 2);
    if (after) qb.andWhere('(i.issue_date, i.id) < (:d::date, :id::uuid)', { d: after[0], id: after[1] });
    const rows = await qb
      .orderBy('i.issue_date', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return connection(rows, first, totalCount, (i) => [i.issueDate, i.id], args.after);
  }

  /** A counterparty's unsettled invoices, oldest due first. */
  async openItems(
    counterparty: string | null | undefined,
    kind: InvoiceKind | null | undefined,
    today: string,
  ) {
    const qb = this.db.getRepository(Invoice).createQueryBuilder('i').where('i.settled_amount < i.total');
    if (counterparty) qb.andWhere('lower(i.counterparty) = lower(:cp)', { cp: counterparty.trim() });
    if (kind) qb.andWhere('i.kind = :kind', { kind });
    const rows = await qb.orderBy('i.due_date', 'ASC').addOrderBy('i.number').getMany();
    return rows.map((invoice) => ({
      invoice,
      openAmount: new Decimal(invoice.total).minus(invoice.settledAmount).toFixed(2),
      daysPastDue: Math.max(0, daysPastDue(invoice.dueDate, today)),
    }));
  }

  /** Open amounts as they stood on `asOf` (invoices issued and settlements dated by then), in buckets. */
  async aging(asOf: string, kind: InvoiceKind | null | undefined) {
    const items: any[] = await this.db.query(
      `SELECT i.counterparty, i.kind, i.currency, i.due_date,
              (i.total - coalesce((SELECT sum(s.amount) FROM settlement s WHERE s.invoice_id = i.id AND s.date <= $1), 0))
                ::numeric(18, 2) AS open
         FROM invoice i
        WHERE i.issue_date <= $1 AND ($2::text IS NULL OR i.kind = $2)`,
      [asOf, kind ?? null],
    );
    const rows = agingRows(
      items.map((r) => ({
        counterparty: r.counterparty,
        kind: r.kind,
        currency: r.currency,
        dueDate: r.due_date,
        open: r.open,
      })),
      asOf,
    );
    return { asOf, rows };
  }
}
