import type { TypedDocumentString } from './generated/graphql.js';

/**
 * An operation the console sends: its query text (`op.toString()`) typed with its result and variables.
 * `graphql()` from ./generated returns one for each text in operations.ts (`pnpm codegen`).
 */
export type Operation<TData, TVars> = TypedDocumentString<TData, TVars>;
