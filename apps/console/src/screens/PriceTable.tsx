import { useEffect, useState } from 'react';
import { useQuery } from '../api';
import type { Session } from '../auth';
import { PriceApprovals } from '../catalog-operations';
import type { PriceRowFragment as PriceRow } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { amountColumn, ColumnHeads, Link } from '../ui';
import { mayReadPriceApprovals } from './CatalogParts';

/** A price change's approval as compliance keeps it: who asked, and which role must decide. */
export interface PriceApproval {
  id: string;
  subjectId: string;
  requiredRole: string;
  requestedBy: string;
}

/**
 * The pending price approvals the user may read, by price id. Compliance opens one when catalog's
 * request arrives over the bus, so a change just made may wait a moment for its approval; until then
 * its note says only that a second controller must approve it.
 */
export function usePriceApprovals(
  session: Session,
  prices: readonly PriceRow[],
): { approvals: Map<string, PriceApproval>; reload(): void } {
  const [unanswered, setUnanswered] = useState(false);
  const state = useQuery(PriceApprovals, undefined, {
    skip: !mayReadPriceApprovals(session),
    // Read again while a pending change has no approval yet: it is on its way from compliance.
    pollMs: unanswered ? APPROVAL_POLL_MS : undefined,
  });
  const approvals = new Map((state.data?.approvals ?? []).map((a) => [a.subjectId.toLowerCase(), a]));
  const waiting = prices.some((p) => p.status === 'PENDING_APPROVAL' && !approvals.has(p.id.toLowerCase()));
  useEffect(() => setUnanswered(waiting && state.data !== null), [waiting, state.data]);
  return { approvals, reload: state.reload };
}

const APPROVAL_POLL_MS = 1500;

/** A price's status, and for a pending change who must approve it and where that is done. */
export function PriceStatusCell({ price, approval }: { price: PriceRow; approval?: PriceApproval }) {
  const { t, label } = useI18n();
  if (price.status !== 'PENDING_APPROVAL') return <>{label('PriceStatus', price.status)}</>;
  return (
    <>
      <span className="badge pending">{label('PriceStatus', price.status)}</span>
      <span className="price-note" data-testid="price-pending">
        {approval
          ? t('prices.waitingFor', { role: approval.requiredRole, who: approval.requestedBy })
          : t('prices.waiting')}{' '}
        {approval && <Link to="/my-work">{t('prices.openApproval')}</Link>}
      </span>
    </>
  );
}

/** One price's cells: from which quantity, its period, net and with VAT, and its status. */
export function PriceCells({
  price: p,
  approvals,
}: {
  price: PriceRow;
  approvals: Map<string, PriceApproval>;
}) {
  const { t, money, decimal, shortDate } = useI18n();
  return (
    <>
      <td className="amount">{decimal(p.minQuantity)}</td>
      <td>{shortDate(p.validFrom)}</td>
      <td>{p.validTo ? shortDate(p.validTo) : t('prices.openEnd')}</td>
      <td className="amount">{money(p.amount, p.currency)}</td>
      <td className="amount">{money(p.amountWithVat, p.currency)}</td>
      <td>
        <PriceStatusCell price={p} approval={approvals.get(p.id.toLowerCase())} />
      </td>
    </>
  );
}

/** Breaks first, then the newest period first: the order a salesperson reads a price sheet in. */
export function byBreakAndDate(a: PriceRow, b: PriceRow): number {
  return Number(a.minQuantity) - Number(b.minQuantity) || b.validFrom.localeCompare(a.validFrom);
}

/** One product's prices on one list: net and with VAT per break and period, and their status. */
export function PriceTable({
  prices,
  approvals,
}: {
  prices: PriceRow[];
  approvals: Map<string, PriceApproval>;
}) {
  const { t } = useI18n();
  return (
    <table data-testid="prices">
      <ColumnHeads
        columns={[
          amountColumn(t('prices.fromQuantity')),
          t('prices.validFrom'),
          t('prices.validTo'),
          amountColumn(t('prices.net')),
          amountColumn(t('prices.withVat')),
          t('catalog.status'),
        ]}
      />
      <tbody>
        {[...prices].sort(byBreakAndDate).map((p) => (
          <tr key={p.id} data-testid="price-row">
            <PriceCells price={p} approvals={approvals} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
