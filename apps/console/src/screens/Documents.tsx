import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useQuery } from '../api';
import { TOKEN_KEY, type Session } from '../auth';
import { RequestError } from '../failure';
import { useI18n } from '../i18n/context';
import type { DocumentRowFragment as DocumentRow } from '../generated/graphql';
import { DocumentList, DocumentVersions, SearchDocuments } from '../operations';
import { Snippet } from '../snippet-view';
import { ErrorText, Loaded, Section } from '../ui';
import { HoldsSection, mayHold, PlaceHold } from './LegalHolds';

/** Downloads with the caller's token (the content routes need it), then saves the blob. */
async function download(path: string, fileName: string) {
  let res: Response;
  try {
    res = await fetch(path, {
      headers: { authorization: `Bearer ${localStorage.getItem(TOKEN_KEY) ?? ''}` },
    });
  } catch {
    throw new RequestError('the gateway cannot be reached', 'UNREACHABLE');
  }
  if (!res.ok) throw new RequestError(`HTTP ${res.status}`, 'DOWNLOAD_FAILED');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function DownloadButton({ path, fileName }: { path: string; fileName: string }) {
  const [error, setError] = useState<unknown>(null);
  const { t } = useI18n();
  return (
    <>
      <button type="button" onClick={() => download(path, fileName).catch(setError)}>
        {t('documents.download')}
        <span className="visually-hidden"> {fileName}</span>
      </button>
      <ErrorText error={error} />
    </>
  );
}

/** `held` is null for a caller who may not know of legal holds: no badge, as for none. */
export function LegalHoldBadge({ held }: { held: boolean | null }) {
  const { t } = useI18n();
  return held ? (
    <span className="badge hold" title={t('documents.legalHoldTitle')}>
      {t('documents.legalHold')}
    </span>
  ) : null;
}

export function DocumentTable({
  documents,
  onSelect,
  actions,
}: {
  documents: DocumentRow[];
  onSelect?(id: string): void;
  /** More actions on a document (placing a legal hold, for those who may). */
  actions?(document: DocumentRow): ReactNode;
}) {
  const { t, label, date, decimal } = useI18n();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('documents.docTitle')}</th>
          <th scope="col">{t('documents.type')}</th>
          <th scope="col">{t('documents.classification')}</th>
          <th scope="col">{t('documents.version')}</th>
          <th scope="col">{t('documents.uploaded')}</th>
          <th scope="col">{t('documents.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id}>
            <td>
              {d.title} <LegalHoldBadge held={d.underLegalHold} />
              {d.textStatus !== 'DONE' && (
                <small className="text-status"> {t(`documents.text.${d.textStatus}`)}</small>
              )}
            </td>
            <td>{d.documentType ?? '—'}</td>
            <td>{label('Classification', d.classification)}</td>
            <td>
              v{d.currentVersion.number} ({decimal(Math.ceil(d.currentVersion.size / 1024))} KiB)
            </td>
            <td>{date(d.createdAt)}</td>
            <td className="actions">
              <DownloadButton
                path={d.currentVersion.contentPath}
                fileName={d.currentVersion.fileName ?? d.title}
              />
              {onSelect && (
                <button type="button" onClick={() => onSelect(d.id)}>
                  {t('documents.versions')}
                  <span className="visually-hidden"> {t('documents.versionsOf', { title: d.title })}</span>
                </button>
              )}
              {actions?.(d)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Documents({ session }: { session: Session }) {
  const list = useQuery(DocumentList);
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');
  const search = useQuery(SearchDocuments, { query: submitted }, { skip: !submitted });
  const [selected, setSelected] = useState<string | null>(null);
  const [holdsChanged, setHoldsChanged] = useState(0);
  const holder = mayHold(session);
  const { t } = useI18n();

  return (
    <>
      <h1 tabIndex={-1}>{t('documents.title')}</h1>
      <Upload ownerEmployeeId={session.employeeId} onUploaded={list.reload} />
      <Section title={t('documents.search')}>
        <search>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              // The same words again still ask again: a file's text is read after its upload answers.
              if (query.trim() === submitted) search.reload();
              else setSubmitted(query.trim());
            }}
          >
            <label htmlFor="doc-search">{t('documents.searchLabel')}</label>
            <input id="doc-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            <button type="submit">{t('documents.search')}</button>
          </form>
        </search>
        {submitted && (
          <Loaded state={search} what={t('documents.theResults')}>
            {(data) =>
              data.searchDocuments.length === 0 ? (
                <p aria-live="polite">{t('documents.noMatch', { query: submitted })}</p>
              ) : (
                <ol className="hits" aria-live="polite">
                  {data.searchDocuments.map((hit) => (
                    <li key={hit.document.id} data-testid="search-hit">
                      <strong>{hit.document.title}</strong>{' '}
                      <LegalHoldBadge held={hit.document.underLegalHold} />
                      {hit.snippet && (
                        <p>
                          <Snippet html={hit.snippet} />
                        </p>
                      )}
                      <DownloadButton
                        path={hit.document.currentVersion.contentPath}
                        fileName={hit.document.currentVersion.fileName ?? hit.document.title}
                      />
                      <button type="button" onClick={() => setSelected(hit.document.id)}>
                        {t('documents.versions')}
                        <span className="visually-hidden">
                          {' '}
                          {t('documents.versionsOf', { title: hit.document.title })}
                        </span>
                      </button>
                    </li>
                  ))}
                </ol>
              )
            }
          </Loaded>
        )}
      </Section>
      {selected && <Versions id={selected} />}
      <Section title={t('documents.recent')}>
        <Loaded state={list} what={t('documents.theDocuments')}>
          {(data) =>
            data.documents.edges.length === 0 ? (
              <p>{t('documents.noneReadable')}</p>
            ) : (
              <DocumentTable
                documents={data.documents.edges.map((e) => e.node)}
                onSelect={setSelected}
                actions={
                  holder
                    ? (d) =>
                        !d.underLegalHold && (
                          <PlaceHold
                            documentId={d.id}
                            title={d.title}
                            onPlaced={() => {
                              list.reload();
                              setHoldsChanged((n) => n + 1);
                            }}
                          />
                        )
                    : undefined
                }
              />
            )
          }
        </Loaded>
      </Section>
      {holder && <HoldsSection reloadKey={holdsChanged} onChanged={list.reload} />}
    </>
  );
}

function Versions({ id }: { id: string }) {
  const state = useQuery(DocumentVersions, { id });
  const { t, date } = useI18n();
  return (
    <Section title={t('documents.versions')}>
      <Loaded state={state} what={t('documents.theVersions')}>
        {({ document }) =>
          !document ? (
            <p>{t('documents.notFound')}</p>
          ) : (
            <>
              <p>
                {document.title} <LegalHoldBadge held={document.underLegalHold} />
                {document.retentionUntil &&
                  ` · ${t('documents.keepUntil', { date: date(document.retentionUntil) })}`}
              </p>
              <ol>
                {document.versions.map((v) => (
                  <li key={v.number}>
                    v{v.number}: {v.fileName ?? t('documents.unnamed')}, {v.mimeType},{' '}
                    {t('documents.bytes', { count: v.size })}, {date(v.createdAt)}{' '}
                    <DownloadButton
                      path={v.contentPath}
                      fileName={v.fileName ?? `${document.title}-v${v.number}`}
                    />
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </Loaded>
    </Section>
  );
}

const CLASSIFICATIONS = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'STRICTLY_CONFIDENTIAL'];

/** Streams the file to POST /documents with XMLHttpRequest, for its upload progress events. */
function Upload({ ownerEmployeeId, onUploaded }: { ownerEmployeeId: string | null; onUploaded(): void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { t, label } = useI18n();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError(t('upload.chooseFile'));
      return;
    }
    const title = String(form.get('title') ?? '').trim() || file.name;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/documents');
    xhr.setRequestHeader('authorization', `Bearer ${localStorage.getItem(TOKEN_KEY) ?? ''}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-document-title', encodeURIComponent(title));
    xhr.setRequestHeader('x-document-file-name', encodeURIComponent(file.name));
    const tags = String(form.get('tags') ?? '').trim();
    if (tags) xhr.setRequestHeader('x-document-tags', encodeURIComponent(tags));
    const type = String(form.get('documentType') ?? '').trim();
    if (type) xhr.setRequestHeader('x-document-type', encodeURIComponent(type));
    xhr.setRequestHeader('x-document-classification', String(form.get('classification') ?? 'INTERNAL'));
    if (form.get('mine') === 'on' && ownerEmployeeId)
      xhr.setRequestHeader('x-document-owner', ownerEmployeeId);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((100 * e.loaded) / e.total));
    };
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status === 201 || xhr.status === 200) {
        setDone(title);
        onUploaded();
      } else {
        let message = `HTTP ${xhr.status}`;
        let code: string | undefined;
        try {
          const body = JSON.parse(xhr.responseText) as {
            errors?: { message: string; extensions?: { code?: string } }[];
            message?: string;
          };
          message = body.errors?.[0]?.message ?? body.message ?? message;
          code = body.errors?.[0]?.extensions?.code;
        } catch {}
        // The server's code says why in the user's language; without one, that the upload was refused.
        setError(code ? new RequestError(message, code) : `${t('upload.refused')} (${message})`);
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError(t('upload.unreachable'));
    };
    setError(null);
    setDone(null);
    setProgress(0);
    xhr.send(file);
  }

  return (
    <Section title={t('upload.title')}>
      <form className="grid-form" onSubmit={submit}>
        <label>
          {t('upload.file')}
          <input ref={fileInput} type="file" name="file" required />
        </label>
        <label>
          {t('upload.docTitle')}
          <input name="title" />
        </label>
        <label>
          {t('upload.documentType')}
          <input name="documentType" placeholder={t('upload.documentTypeExample')} />
        </label>
        <label>
          {t('upload.tags')}
          <input name="tags" />
        </label>
        <label>
          {t('upload.classification')}
          <select name="classification" defaultValue="INTERNAL">
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {label('Classification', c)}
              </option>
            ))}
          </select>
        </label>
        {ownerEmployeeId && (
          <label className="checkbox">
            <input type="checkbox" name="mine" /> {t('upload.aboutMe')}
          </label>
        )}
        <button type="submit" disabled={progress !== null}>
          {t('upload.submit')}
        </button>
      </form>
      {progress !== null && (
        <p>
          <label htmlFor="upload-progress">{t('upload.progress')} </label>
          <progress id="upload-progress" max={100} value={progress}>
            {progress}%
          </progress>{' '}
          {progress}%
        </p>
      )}
      {done && (
        <p role="status" data-testid="upload-done">
          {t('upload.done', { title: done })}
        </p>
      )}
      <ErrorText error={error} />
    </Section>
  );
}
