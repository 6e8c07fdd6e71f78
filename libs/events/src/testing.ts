import { z } from 'zod';
import { EVENT_ROOT, defineEvent } from './contract.js';

/**
 * Events of producers no service is, for the benchmarks: contracts like the services' ones (so the
 * bench builds and consumes events as the services do), never in the catalogue.
 */
export const benchEvents = {
  /** The events benchmark's event: the same envelope and size on every path. */
  itemCreated: defineEvent({
    producer: 'bench',
    aggregate: 'item',
    verb: 'created',
    summary: 'a benchmark event',
    schema: z.object({ itemId: z.string(), amount: z.string(), note: z.string() }),
  }),
  /** The compliance benchmark's event: as it publishes them, for the audit trail to record. */
  auditedItemCreated: defineEvent({
    producer: 'it',
    aggregate: 'bench_item',
    verb: 'created',
    summary: 'a benchmark event for the audit trail',
    schema: z.object({ itemId: z.string(), amount: z.string(), note: z.string() }),
  }),
};

/** A raw JetStream subject of the events benchmark, one per run: no consumer of ours reads it. */
export const benchRawSubject = (run: number) => `${EVENT_ROOT}.bench.raw.r${run}`;
