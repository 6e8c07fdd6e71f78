import { type FormEvent, type ReactNode, useState } from 'react';
import { hasRole, type Session } from '../auth';
import type { Language } from '../generated/graphql';
import type { MessageKey } from '../i18n/catalogue';
import { useI18n } from '../i18n/context';
import { ErrorText } from '../ui';
import './catalog.css';

/**
 * What the catalog screens share: who may do what (docs/catalog.md's roles; the gateway enforces the
 * same on every field, admin passes every check), the low-stock mark, and a form that reports its
 * outcome. The console only hides what a role may not do; the server refuses it either way.
 */
export const CATALOG_READERS = ['sales', 'warehouse', 'analyst', 'accountant', 'controller'];
/** Product master data, price lists and prices. */
export const mayKeepCatalog = (session: Session) => hasRole(session, 'controller');
/** Receipts, counts, transfers, warehouses. */
export const mayMoveStock = (session: Session) => hasRole(session, 'warehouse');
export const mayReserve = (session: Session) => hasRole(session, 'sales', 'warehouse');
/** Approvals of price changes are read by the controllers who decide them. */
export const mayReadPriceApprovals = (session: Session) => hasRole(session, 'controller');

/** The catalog's search field: typing starts the list again from its first page. */
export function CatalogSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('catalog.search')}
      <input
        type="search"
        value={value}
        placeholder={t('catalog.searchPlaceholder')}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** Product names in the language the console speaks. */
export function useCatalogLanguage(): Language {
  return useI18n().language === 'nl' ? 'NL' : 'EN';
}

/** The screen's heading and why there is nothing else, for a role the catalog is not for. */
export function NotAllowed({ title }: { title: MessageKey & `${string}.title` }) {
  const { t } = useI18n();
  return (
    <>
      <h1 tabIndex={-1}>{t(title as 'products.title')}</h1>
      <p className="not-visible">{t('catalog.notAllowed')}</p>
    </>
  );
}

/** Below its reorder level: what the low-stock event is sent for (available over all warehouses). */
export function isLow(product: { available: string; reorderLevel?: string | null }): boolean {
  return product.reorderLevel != null && Number(product.available) < Number(product.reorderLevel);
}

export function LowStock({ available, level }: { available: string; level: string }) {
  const { t, decimal } = useI18n();
  return (
    <span className="badge low" data-testid="low-stock">
      {t('catalog.lowStock')}
      <span className="visually-hidden">
        {' '}
        {t('catalog.lowStockOf', { available: decimal(available), level: decimal(level) })}
      </span>
    </span>
  );
}

/**
 * A form that sends one change: busy while it runs, then what happened (in the user's words, from
 * `send`) or the server's refusal. The form is cleared on success, so a second entry starts afresh.
 */
export function ActionForm({
  label,
  submit,
  send,
  children,
  testId,
}: {
  label: string;
  submit: string;
  send(form: FormData): Promise<string>;
  children: ReactNode;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await send(new FormData(form)));
      form.reset();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="grid-form" aria-label={label} onSubmit={onSubmit} data-testid={testId}>
      {children}
      <button type="submit" disabled={busy}>
        {submit}
      </button>
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      <ErrorText error={error} />
    </form>
  );
}

/** A form field's text, trimmed; null when left empty (an optional input left out). */
export function field(form: FormData, name: string): string | null {
  const value = String(form.get(name) ?? '').trim();
  return value === '' ? null : value;
}

/**
 * A quantity or amount as the user typed it in their language (`1.234,5` in Dutch), as a Decimal
 * string; null when left empty. Anything else is refused here with the field's name, before a request.
 */
export function useDecimalField(): (form: FormData, name: string, label: string) => string | null {
  const { t, amountInput } = useI18n();
  return (form, name, label) => {
    const text = field(form, name);
    if (text === null) return null;
    const value = amountInput(text);
    if (!value) throw t('catalog.notANumber', { field: label });
    return value;
  };
}
