import { snippetParts } from './snippet';

/** A search snippet as React text nodes and <mark> elements only (see snippet.ts). */
export function Snippet({ html }: { html: string }) {
  return (
    <span className="snippet">
      {snippetParts(html).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </span>
  );
}
