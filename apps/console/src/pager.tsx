import { type ReactNode, useState } from 'react';
import { useI18n } from './i18n/context';

/**
 * Paging for a list the graph returns whole (payroll runs, payslips, leave requests): the screen shows
 * one page and moves between them. `items` may shrink on a reload; the page stays within range.
 */
export function usePages<T>(items: readonly T[], size: number): { rows: T[]; pager: ReactNode } {
  const [wanted, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(wanted, pages - 1);
  const rows = items.slice(page * size, (page + 1) * size);
  return { rows, pager: pages > 1 ? <Pager page={page} pages={pages} onPage={setPage} /> : null };
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>{' '}
      <span aria-live="polite">{t('pager.pageOf', { page: page + 1, pages })}</span>{' '}
      <button type="button" disabled={page === pages - 1} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </div>
  );
}
