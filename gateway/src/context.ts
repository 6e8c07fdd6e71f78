import type { Identity } from '@backoffice/kit';

/** What one client request carries through Apollo Server into each subgraph call. */
export interface GatewayContext {
  identity: Identity;
  /** The client's `x-request-id`, or one we made up, so one request can be followed across services. */
  requestId: string;
  /** The client's `Idempotency-Key`, forwarded as is; the subgraph that owns the mutation honours it. */
  idempotencyKey: string | undefined;
  /**
   * Filled in once Apollo resolved the operation, for the request log line. A nested object because
   * Apollo shallow-clones the context for each operation: a top-level field set by a plugin would be lost.
   */
  seen: { operationName: string | null };
}
