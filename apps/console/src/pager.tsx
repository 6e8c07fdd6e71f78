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

/**
 * Paging for a list the graph pages itself (`first`/`after`): the cursors of the pages seen so far, so
 * "previous" goes back to the cursor it came from. `reset` when the list's filter changes.
 */
export function useCursorPages(size: number): {
  after: string | null;
  page: number;
  reset(): void;
  pager(total: number, next: { hasNextPage: boolean; endCursor?: string | null }): ReactNode;
} {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  return {
    after: cursors[page],
    page,
    reset: () => setCursors([null]),
    pager: (total, next) => {
      const pages = Math.max(1, Math.ceil(total / size));
      return pages > 1 ? (
        <Pager
          page={page}
          pages={pages}
          onPage={(to) =>
            setCursors(to < page ? cursors.slice(0, to + 1) : [...cursors, next.endCursor ?? null])
          }
          hasNext={next.hasNextPage}
        />
      ) : null;
    },
  };
}

function Pager({
  page,
  pages,
  onPage,
  hasNext = page < pages - 1,
}: {
  page: number;
  pages: number;
  onPage(page: number): void;
  hasNext?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="pager">
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('pager.previous')}
      </button>{' '}
      <span aria-live="polite">{t('pager.pageOf', { page: page + 1, pages })}</span>{' '}
      <button type="button" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </div>
  );
}
