import { useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { StockMovements } from '../catalog-operations';
import { useI18n } from '../i18n/context';
import { useCursorPages } from '../pager';
import { ColumnHeads, Loaded, Section, amountColumn } from '../ui';

/** Movements a page of the ledger shows (the graph pages them, newest first). */
const LEDGER_PAGE = 10;

/** Who reads a product's stock ledger: everyone in the catalog but sales (docs/catalog.md). */
export const mayReadStockLedger = (session: Session) =>
  hasRole(session, 'warehouse', 'analyst', 'accountant', 'controller');

/**
 * A product's stock ledger: every receipt, issue, count difference, transfer and reservation, never
 * changed afterwards, so what the balances above were made of can be read back.
 */
export function StockLedger({ productId, unit }: { productId: string; unit: string }) {
  const paging = useCursorPages(LEDGER_PAGE);
  const state = useQuery(StockMovements, { productId, first: LEDGER_PAGE, after: paging.after });
  const { t, label, decimal, date } = useI18n();
  return (
    <Section title={t('stockLedger.title')} id="stock-ledger">
      <Loaded state={state} what={t('stockLedger.theMovements')}>
        {({ stockMovements }) =>
          stockMovements.totalCount === 0 ? (
            <p>{t('stockLedger.none')}</p>
          ) : (
            <>
              <p aria-live="polite">{t('stockLedger.count', { count: stockMovements.totalCount })}</p>
              <table data-testid="stock-ledger">
                <ColumnHeads
                  columns={[
                    t('stockLedger.when'),
                    t('catalog.warehouse'),
                    t('stockLedger.kind'),
                    amountColumn(t('catalog.quantity')),
                    t('stockLedger.note'),
                    t('stock.by'),
                  ]}
                />
                <tbody>
                  {stockMovements.edges.map(({ node: m }) => (
                    <tr key={m.id}>
                      <td>{date(String(m.createdAt))}</td>
                      <td>{m.warehouse.code}</td>
                      <td>{label('StockMovementKind', m.kind)}</td>
                      <td className="amount">
                        {decimal(m.quantity)} {unit}
                      </td>
                      <td>{[m.reference, m.reason].filter(Boolean).join(' · ') || '—'}</td>
                      <td>{m.createdBy ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {paging.pager(stockMovements.totalCount, stockMovements.pageInfo)}
            </>
          )
        }
      </Loaded>
    </Section>
  );
}
