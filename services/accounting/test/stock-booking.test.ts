import { randomUUID } from 'node:crypto';
import { catalog, type Data } from '@backoffice/events';
import { domainEvent, type RunningSubgraph } from '@backoffice/kit';
import {
  eventually,
  newTestRun,
  publishSignedEvent,
  startTestSubgraph,
  type TestRun,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';

/**
 * catalog's stock receipts and issues in the books at average cost, exactly once: a duplicate of an
 * event (past JetStream's own duplicate window) and a restart of accounting on the same database and
 * durable book nothing twice.
 */
let run: TestRun;
let accounting: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  accounting = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

const movement = (overrides: Partial<Data<typeof catalog.stockIssued>> = {}) => ({
  movementId: randomUUID(),
  productId: randomUUID(),
  sku: 'PMP-100',
  warehouseId: randomUUID(),
  quantity: '4',
  reference: 'order 7',
  onHand: '6',
  reserved: '0',
  available: '6',
  unitCost: '6.00',
  value: '24.00',
  currency: 'EUR',
  reservationId: null,
  ...overrides,
});

async function publish(
  contract: typeof catalog.stockReceived | typeof catalog.stockIssued,
  data: any,
  msgID?: string,
) {
  const event = domainEvent(contract, data.productId, data, { userId: 'warehouse-1' });
  await publishSignedEvent(accounting.deps.bus, event, { msgID: msgID ?? event.id });
  return event;
}

const bookings = (movementId: string) =>
  accounting.deps.db.query(
    `SELECT e.status, e.source, l.account_code AS "accountCode", l.debit::text, l.credit::text
       FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
      WHERE e.source = 'STOCK' AND e.source_id = $1 ORDER BY l.line_no`,
    [movementId],
  );

describe('stock booking', () => {
  it('books a receipt into inventory and an issue into cost of goods sold, each once across a duplicate and a restart', async () => {
    const receipt = movement({ quantity: '10', unitCost: '5.00', value: '50.00' });
    const issue = movement({ productId: receipt.productId });
    const received = await publish(catalog.stockReceived, receipt);
    const issued = await publish(catalog.stockIssued, issue);
    expect(
      await eventually(
        () => bookings(issue.movementId),
        (rows) => rows.length === 2,
      ),
    ).toEqual([
      { status: 'POSTED', source: 'STOCK', accountCode: '7000', debit: '24.00', credit: '0.00' },
      { status: 'POSTED', source: 'STOCK', accountCode: '1400', debit: '0.00', credit: '24.00' },
    ]);
    expect((await bookings(receipt.movementId)).map((r: any) => [r.accountCode, r.debit, r.credit])).toEqual([
      ['1400', '50.00', '0.00'],
      ['2050', '0.00', '50.00'],
    ]);

    // The same event again as a redelivery would bring it, then accounting restarted on the same durable.
    await publishSignedEvent(accounting.deps.bus, received, { msgID: randomUUID() });
    await accounting.stop();
    accounting = await startTestSubgraph(run, accountingSubgraph);
    await publishSignedEvent(accounting.deps.bus, issued, { msgID: randomUUID() });
    // A movement without a value (no cost known) is acknowledged and books nothing; it also marks the
    // point where the duplicates before it have been handled (one durable, in order).
    const marker = movement({ unitCost: undefined, value: undefined, currency: undefined });
    const markerEvent = await publish(catalog.stockIssued, marker);
    const handled = await eventually(
      () => accounting.deps.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [markerEvent.id]),
      (rows) => rows.length === 1,
      15_000,
    );
    expect(handled).toHaveLength(1);
    const [{ n }] = await accounting.deps.db.query(
      `SELECT count(*)::int AS n FROM journal_entry WHERE source = 'STOCK' AND source_id = ANY($1)`,
      [[receipt.movementId, issue.movementId]],
    );
    expect(n).toBe(2);
    expect(await bookings(marker.movementId)).toEqual([]);
  });
});
