import { CONSUMERS, catalog } from '@backoffice/events';
import type { EventHandler } from '@backoffice/kit';
import type { Ledger } from '../journal/ledger.js';
import { StockBookingError, stockBookingLines } from './stock-booking.rules.js';

/** The booking's author when an event names nobody. */
export const STOCK_AUTHOR = 'system:catalog-stock';

/**
 * Books catalog's stock receipts and issues at their value, exactly once: the inbox drops a redelivered
 * event, and the unique (source, source_id) — the movement's id — drops a second event naming the
 * same movement. Above the four-eyes threshold the entry waits for approval like any other.
 */
export const stockMovementHandler = (
  ledger: Ledger,
): EventHandler<typeof catalog.stockReceived | typeof catalog.stockIssued> => ({
  consumer: CONSUMERS.accounting.stockBooking,
  async handle(event, { em, log }) {
    const movement = event.data;
    const kind = event.type === catalog.stockReceived.type ? 'RECEIPT' : 'ISSUE';
    const lines = stockBookingLines(kind, movement);
    if (!lines) return;
    const [booked] = await em.query(
      `SELECT id FROM journal_entry WHERE source = 'STOCK' AND source_id = $1`,
      [movement.movementId],
    );
    if (booked) {
      log.info(
        { movementId: movement.movementId, journalEntryId: booked.id },
        'stock movement already booked',
      );
      return;
    }
    if (movement.currency !== ledger.settings.baseCurrency)
      throw new StockBookingError(
        `stock valued in ${movement.currency}; the books are kept in ${ledger.settings.baseCurrency}`,
      );
    const author = event.actor || STOCK_AUTHOR;
    const entry = await ledger.book(
      em,
      {
        date: event.time.slice(0, 10),
        description: kind === 'RECEIPT' ? `Stock received ${movement.sku}` : `Stock issued ${movement.sku}`,
        reference: `stock-movement:${movement.movementId}`,
        lines,
        source: 'STOCK',
        sourceId: movement.movementId,
      },
      author,
      { userId: author },
    );
    log.info(
      { movementId: movement.movementId, journalEntryId: entry.id, status: entry.status },
      'stock movement booked',
    );
  },
});
