import { type FormEvent, useRef, useState } from 'react';
import { useQuery } from '../api';
import { TOKEN_KEY, type Session } from '../auth';
import { DocumentList, type DocumentRow, DocumentVersions, SearchDocuments } from '../operations';
import { Snippet } from '../snippet-view';
import { ErrorText, formatDate, Loaded, Section } from '../ui';

/** Downloads with the caller's token (the content routes need it), then saves the blob. */
async function download(path: string, fileName: string) {
  const res = await fetch(path, {
    headers: { authorization: `Bearer ${localStorage.getItem(TOKEN_KEY) ?? ''}` },
  });
  if (!res.ok) throw new Error(`download failed: HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function DownloadButton({ path, fileName }: { path: string; fileName: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button type="button" onClick={() => download(path, fileName).catch((e: Error) => setError(e.message))}>
        Download<span className="visually-hidden"> {fileName}</span>
      </button>
      <ErrorText error={error} />
    </>
  );
}

export function LegalHoldBadge({ held }: { held: boolean }) {
  return held ? (
    <span className="badge hold" title="Under legal hold: cannot be deleted">
      Legal hold
    </span>
  ) : null;
}

export function DocumentTable({
  documents,
  onSelect,
}: {
  documents: DocumentRow[];
  onSelect?(id: string): void;
}) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Type</th>
          <th scope="col">Classification</th>
          <th scope="col">Version</th>
          <th scope="col">Uploaded</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((d) => (
          <tr key={d.id}>
            <td>
              {d.title} <LegalHoldBadge held={d.underLegalHold} />
            </td>
            <td>{d.documentType ?? '—'}</td>
            <td>{d.classification}</td>
            <td>
              v{d.currentVersion.number} ({Math.ceil(d.currentVersion.size / 1024)} KiB)
            </td>
            <td>{formatDate(d.createdAt)}</td>
            <td className="actions">
              <DownloadButton
                path={d.currentVersion.contentPath}
                fileName={d.currentVersion.fileName ?? d.title}
              />
              {onSelect && (
                <button type="button" onClick={() => onSelect(d.id)}>
                  Versions<span className="visually-hidden"> of {d.title}</span>
                </button>
              )}
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

  return (
    <>
      <h1 tabIndex={-1}>Documents</h1>
      <Upload ownerEmployeeId={session.employeeId} onUploaded={list.reload} />
      <Section title="Search">
        <search>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setSubmitted(query.trim());
            }}
          >
            <label htmlFor="doc-search">Search titles, tags and text</label>
            <input id="doc-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            <button type="submit">Search</button>
          </form>
        </search>
        {submitted && (
          <Loaded state={search} what="search results">
            {(data) =>
              data.searchDocuments.length === 0 ? (
                <p aria-live="polite">No documents match “{submitted}”.</p>
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
                        Versions<span className="visually-hidden"> of {hit.document.title}</span>
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
      <Section title="Recent documents">
        <Loaded state={list} what="documents">
          {(data) =>
            data.documents.edges.length === 0 ? (
              <p>No documents you may read.</p>
            ) : (
              <DocumentTable documents={data.documents.edges.map((e) => e.node)} onSelect={setSelected} />
            )
          }
        </Loaded>
      </Section>
    </>
  );
}

function Versions({ id }: { id: string }) {
  const state = useQuery(DocumentVersions, { id });
  return (
    <Section title="Versions">
      <Loaded state={state} what="versions">
        {({ document }) =>
          !document ? (
            <p>Document not found.</p>
          ) : (
            <>
              <p>
                {document.title} <LegalHoldBadge held={document.underLegalHold} />
                {document.retentionUntil && ` · keep until ${document.retentionUntil}`}
              </p>
              <ol>
                {document.versions.map((v) => (
                  <li key={v.number}>
                    v{v.number}: {v.fileName ?? 'unnamed'}, {v.mimeType}, {v.size} bytes,{' '}
                    {formatDate(v.createdAt)}{' '}
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

/** Streams the file to POST /documents with XMLHttpRequest, for its upload progress events. */
function Upload({ ownerEmployeeId, onUploaded }: { ownerEmployeeId: string | null; onUploaded(): void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError('Choose a file first.');
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
        try {
          const body = JSON.parse(xhr.responseText) as { errors?: { message: string }[]; message?: string };
          message = body.errors?.[0]?.message ?? body.message ?? message;
        } catch {}
        setError(`Upload refused: ${message}`);
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError('Upload failed: the gateway cannot be reached.');
    };
    setError(null);
    setDone(null);
    setProgress(0);
    xhr.send(file);
  }

  return (
    <Section title="Upload">
      <form className="grid-form" onSubmit={submit}>
        <label>
          File
          <input ref={fileInput} type="file" name="file" required />
        </label>
        <label>
          Title
          <input name="title" />
        </label>
        <label>
          Document type
          <input name="documentType" placeholder="e.g. contract, policy" />
        </label>
        <label>
          Tags (comma separated)
          <input name="tags" />
        </label>
        <label>
          Classification
          <select name="classification" defaultValue="INTERNAL">
            <option>PUBLIC</option>
            <option>INTERNAL</option>
            <option>CONFIDENTIAL</option>
            <option>STRICTLY_CONFIDENTIAL</option>
          </select>
        </label>
        {ownerEmployeeId && (
          <label className="checkbox">
            <input type="checkbox" name="mine" /> About me (owner: my employee record)
          </label>
        )}
        <button type="submit" disabled={progress !== null}>
          Upload
        </button>
      </form>
      {progress !== null && (
        <p>
          <label htmlFor="upload-progress">Uploading </label>
          <progress id="upload-progress" max={100} value={progress}>
            {progress}%
          </progress>{' '}
          {progress}%
        </p>
      )}
      {done && (
        <p role="status" data-testid="upload-done">
          Uploaded “{done}”.
        </p>
      )}
      <ErrorText error={error} />
    </Section>
  );
}
