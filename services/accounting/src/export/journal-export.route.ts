import type { ServerResponse } from 'node:http';
import { type ServiceRoute, hasRole, isValidDate, sendJson } from '@backoffice/kit';
import type { AccountingServices } from '../services.js';
import { type ExportEntry, formatEntry, journalHeader } from './hledger.format.js';

const BATCH = 500;

/**
 * `GET /exports/journal?from=YYYY-MM-DD&to=YYYY-MM-DD`: the posted entries (reversed ones and their
 * reversals included) as a plain-text journal, streamed in batches so a year of entries never sits in memory.
 */
export function journalExportRoute(): ServiceRoute<AccountingServices> {
  return {
    method: 'GET',
    path: '/exports/journal',
    async handle(ctx, _req, res, _params, url) {
      if (!ctx.identity.userId) {
        sendJson(res, 401, { error: 'sign in first: this needs a valid token' });
        return;
      }
      if (!hasRole(ctx, 'accountant', 'controller', 'analyst')) {
        sendJson(res, 403, {
          error: 'the journal export needs one of the roles: admin, accountant, controller, analyst',
        });
        return;
      }
      const from = url.searchParams.get('from') ?? '';
      const to = url.searchParams.get('to') ?? '';
      if (!isValidDate(from) || !isValidDate(to) || from > to) {
        sendJson(res, 400, { error: 'from and to must be dates (YYYY-MM-DD) with from not after to' });
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="journal-${from}-${to}.journal"`,
        'cache-control': 'no-store',
      });
      await write(res, journalHeader(from, to, ctx.services.ledger.settings.baseCurrency));
      let after: [string, string] = ['0001-01-01', '0'];
      for (;;) {
        const entries: any[] = await ctx.db.query(
          `SELECT id, number, date, seq, description, reference, currency FROM journal_entry e
            WHERE e.status IN ('POSTED', 'REVERSED') AND e.date BETWEEN $1 AND $2 AND (e.date, e.seq) > ($3::date, $4::bigint)
            ORDER BY e.date, e.seq LIMIT ${BATCH}`,
          [from, to, after[0], after[1]],
        );
        if (entries.length === 0) break;
        const lines: any[] = await ctx.db.query(
          `SELECT l.entry_id, l.account_code, a.name, a.type, l.debit, l.credit, l.cost_center, l.description
             FROM journal_line l JOIN account a ON a.code = l.account_code
            WHERE l.entry_id = ANY($1) ORDER BY l.entry_id, l.line_no`,
          [entries.map((e) => e.id)],
        );
        const byEntry = new Map<string, any[]>();
        for (const l of lines) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
        let chunk = '';
        for (const e of entries) {
          const entry: ExportEntry = {
            id: e.id,
            number: e.number,
            date: e.date,
            description: e.description,
            reference: e.reference,
            currency: e.currency,
            lines: (byEntry.get(e.id) ?? []).map((l) => ({
              accountCode: l.account_code,
              accountName: l.name,
              accountType: l.type,
              debit: l.debit,
              credit: l.credit,
              costCenter: l.cost_center,
              description: l.description,
            })),
          };
          chunk += formatEntry(entry);
        }
        await write(res, chunk);
        const last = entries[entries.length - 1];
        after = [last.date, last.seq];
        if (entries.length < BATCH) break;
      }
      res.end();
    },
  };
}

/** Respects back-pressure: waits for the socket to drain before the next batch. */
function write(res: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.write(text)) resolve();
    else res.once('drain', resolve);
  });
}
