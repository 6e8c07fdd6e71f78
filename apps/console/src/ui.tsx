import type { AnchorHTMLAttributes, ReactNode } from 'react';
import type { QueryState } from './api';
import { useI18n } from './i18n/context';
import { BASE, navigate } from './router';

/** An in-app link: a real <a href> (keyboard, middle click) that routes without a reload. */
export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      href={BASE + to}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}

/**
 * Loading and error states for a query; renders children only once data is there, and says so while
 * it is read again. `what` is translated.
 */
export function Loaded<T>({
  state,
  children,
  what,
}: {
  state: QueryState<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (state.error)
    return (
      <div className="error" role="alert">
        <Failure error={state.error} lead={t('common.loadFailed', { what })} />
        <button type="button" onClick={state.reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  if (!state.data)
    return (
      <p className="loading" role="status" aria-live="polite">
        {t('common.loading', { what })}
      </p>
    );
  // A reload keeps what was shown and says that it is being read again.
  return (
    <>
      {state.loading && (
        <p className="loading refreshing" role="status">
          {t('common.refreshing', { what })}
        </p>
      )}
      {children(state.data)}
    </>
  );
}

/** A failure in the user's language, with the server's (English) message as the detail. */
function Failure({ error, lead }: { error: unknown; lead?: string }) {
  const { failure, t } = useI18n();
  const { message, detail } = failure(error);
  return (
    <p>
      {lead ? `${lead}: ` : ''}
      {message}
      {detail && (
        <>
          {' '}
          <small className="detail" lang="en">
            {t('error.detail', { detail })}
          </small>
        </>
      )}
    </p>
  );
}

/** An error from a thrown failure (translated by its code) or a text already in the user's language. */
export function ErrorText({ error, lead }: { error: unknown; lead?: string }) {
  return error ? (
    <div className="error" role="alert">
      <Failure error={error} lead={lead} />
    </div>
  ) : null;
}

/** Shown in place of a section the caller's role may not read (FORBIDDEN on that field). */
export function NotVisible({ what }: { what: string }) {
  const { t } = useI18n();
  return <p className="not-visible">{t('common.notVisible', { what })}</p>;
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/\W+/g, '-')}-heading`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** A column of a table's head: its label, right-aligned (`amount`) like the numbers under it. */
export type Column = string | { label: string; amount: true };

export const amountColumn = (label: string): Column => ({ label, amount: true });

/** A table's head: one row of column headers, scoped to their columns. */
export function ColumnHeads({ columns }: { columns: Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) =>
          typeof c === 'string' ? (
            <th scope="col" key={c}>
              {c}
            </th>
          ) : (
            <th scope="col" className="amount" key={c.label}>
              {c.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

/** Today as an ISO date (UTC), the default of the screens' date fields. */
export const today = () => new Date().toISOString().slice(0, 10);
