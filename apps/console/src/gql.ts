/**
 * Typed operations without codegen: `gql<Result, Variables>(text)` carries the types beside the text.
 * No imports here, so the tests (Node) can load operations.ts and validate every text against the schema.
 */
export interface Operation<TData, TVars> {
  readonly text: string;
  /** Phantom fields: carry the types only. */
  readonly __data?: TData;
  readonly __vars?: TVars;
}

export function gql<TData, TVars = Record<string, never>>(text: string): Operation<TData, TVars> {
  return { text };
}
