import type { AnchorHTMLAttributes, ReactNode } from 'react';
import type { QueryState } from './api';
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

/** Loading and error states for a query; renders children only once data is there. */
export function Loaded<T>({
  state,
  children,
  what,
}: {
  state: QueryState<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error)
    return (
      <div className="error" role="alert">
        <p>
          Could not load {what}: {state.error.message}
          {state.error.code ? ` (${state.error.code})` : ''}
        </p>
        <button type="button" onClick={state.reload}>
          Retry
        </button>
      </div>
    );
  if (!state.data)
    return (
      <p className="loading" role="status" aria-live="polite">
        Loading {what}…
      </p>
    );
  return <>{children(state.data)}</>;
}

export function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** Shown in place of a section the caller's role may not read (FORBIDDEN on that field). */
export function NotVisible({ what }: { what: string }) {
  return <p className="not-visible">{what}: not visible to your role</p>;
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

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length <= 10
    ? iso
    : new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return 'stopped';
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
}
