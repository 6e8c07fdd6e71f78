import { type FormEvent, useEffect, useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import type { LegalHoldRowFragment as HoldRow } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { LegalHolds, PlaceLegalHold, ReleaseLegalHold } from '../operations';
import { usePages } from '../pager';
import { ErrorText, Loaded, Section } from '../ui';

/** Legal holds are placed and released by compliance officers only (admin passes every check). */
export const mayHold = (session: Session) => hasRole(session, 'compliance_officer');

/**
 * Places a hold on one document: a button that opens a reason field in place. The server answers once
 * the documents service has applied the hold, so the badge shows as soon as this reports it placed.
 */
export function PlaceHold({
  documentId,
  title,
  onPlaced,
}: {
  documentId: string;
  title: string;
  onPlaced(): void;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { t } = useI18n();
  const fieldId = `hold-reason-${documentId}`;

  async function place(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
    setBusy(true);
    setError(null);
    try {
      await mutate(PlaceLegalHold, { documentId, reason });
      setOpen(false);
      onPlaced();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {t('holds.place')}
          <span className="visually-hidden"> {t('holds.placeOn', { title })}</span>
        </button>
      ) : (
        <form onSubmit={place} className="inline-form">
          <label htmlFor={fieldId}>{t('holds.reasonFor', { title })}</label>{' '}
          <input id={fieldId} name="reason" required />{' '}
          <button type="submit" disabled={busy}>
            {t('holds.placeSubmit')}
          </button>{' '}
          <button type="button" onClick={() => setOpen(false)}>
            {t('holds.cancel')}
          </button>
        </form>
      )}
      <ErrorText error={error} />
    </>
  );
}

/** Every hold, newest first, a page at a time, with the release of those in force. */
export function HoldsSection({ reloadKey, onChanged }: { reloadKey: number; onChanged(): void }) {
  const state = useQuery(LegalHolds, { documentId: null });
  const { t } = useI18n();
  const { reload } = state;
  // A hold placed from the documents table: read the list again.
  useEffect(() => {
    if (reloadKey > 0) reload();
  }, [reloadKey, reload]);
  return (
    <Section title={t('holds.title')} id="legal-holds">
      <Loaded state={state} what={t('holds.theHolds')}>
        {(data) =>
          data.legalHolds.length === 0 ? (
            <p>{t('holds.none')}</p>
          ) : (
            <HoldTable
              holds={data.legalHolds}
              onReleased={() => {
                state.reload();
                onChanged();
              }}
            />
          )
        }
      </Loaded>
    </Section>
  );
}

function HoldTable({ holds, onReleased }: { holds: HoldRow[]; onReleased(): void }) {
  const { rows, pager } = usePages(holds, 10);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { t, label, date } = useI18n();
  const active = holds.filter((h) => h.active).length;

  async function release(hold: HoldRow, title: string) {
    if (!window.confirm(t('holds.releaseConfirm', { title }))) return;
    setBusy(hold.id);
    setError(null);
    setDone(null);
    try {
      await mutate(ReleaseLegalHold, { id: hold.id });
      setDone(t('holds.releasedOk', { title }));
      onReleased();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <p aria-live="polite">{t('holds.count', { count: holds.length, active })}</p>
      <table data-testid="legal-holds">
        <thead>
          <tr>
            <th scope="col">{t('holds.document')}</th>
            <th scope="col">{t('holds.reason')}</th>
            <th scope="col">{t('holds.placed')}</th>
            <th scope="col">{t('holds.status')}</th>
            <th scope="col">{t('documents.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((hold) => {
            const title = hold.document?.title ?? hold.documentId;
            return (
              <tr key={hold.id} data-testid="legal-hold-row">
                <th scope="row">
                  {title} {!hold.document && <small>{t('holds.gone')}</small>}
                </th>
                <td>{hold.reason}</td>
                <td>{t('holds.placedBy', { who: hold.placedBy, date: date(hold.placedAt) })}</td>
                <td>
                  {label('LegalHoldStatus', hold.status)}
                  {hold.releasedAt &&
                    ` · ${t('holds.released')} ${t('holds.placedBy', { who: hold.releasedBy ?? '—', date: date(hold.releasedAt) })}`}
                </td>
                <td>
                  {hold.active && (
                    <button type="button" disabled={busy === hold.id} onClick={() => release(hold, title)}>
                      {t('holds.release')}
                      <span className="visually-hidden"> {t('holds.releaseOf', { title })}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {pager}
      {done && (
        <p role="status" data-testid="hold-released">
          {done}
        </p>
      )}
      <ErrorText error={error} />
    </>
  );
}
