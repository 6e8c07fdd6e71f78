import { ROOT_CONTEXT, type Context, type Link, SpanKind, trace } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { CloudEvent } from '../events/envelope.js';
import { currentTraceparent, extractTraceContext, inSpan } from './tracing.js';

/**
 * Trace context across the bus. The producer's active span is written into each CloudEvent as the
 * `traceparent` extension attribute when the event is recorded (inside the request's transaction),
 * so it survives the outbox; the relay repeats it as a NATS header; the consumer starts its span as a
 * child of it, so handling the event belongs to the trace of the request that caused it.
 */
export function withTraceparent<T extends CloudEvent>(event: T): T {
  if (event.traceparent) return event;
  const traceparent = currentTraceparent();
  return traceparent ? { ...event, traceparent } : event;
}

/**
 * NATS headers carrying the trace context for the relay's publish: the active (publish) span's, else
 * the event's own; undefined when there is none.
 */
export function traceHeadersOf(payload: unknown): MsgHdrs | undefined {
  const recorded = (payload as { traceparent?: unknown } | null)?.traceparent;
  const traceparent = currentTraceparent() ?? (typeof recorded === 'string' ? recorded : undefined);
  if (!traceparent) return undefined;
  const h = natsHeaders();
  h.set('traceparent', traceparent);
  return h;
}

/**
 * The producer's context of an event: the message's `traceparent` header (the relay's publish span),
 * else the event's `traceparent` attribute (the span that recorded it; all a replayed event carries).
 */
export function producerContext(event: Partial<CloudEvent>, msgHeaders?: MsgHdrs): Context {
  const header = msgHeaders?.get('traceparent') || undefined;
  const traceparent = header ?? (typeof event.traceparent === 'string' ? event.traceparent : undefined);
  return traceparent ? extractTraceContext({ traceparent }, ROOT_CONTEXT) : ROOT_CONTEXT;
}

/** Runs a consumer's handling of one event in a CONSUMER span whose parent is the producer's span. */
export function inConsumerSpan<T>(
  durable: string,
  event: Partial<CloudEvent>,
  msgHeaders: MsgHdrs | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const parent = producerContext(event, msgHeaders);
  // Linked to the span that recorded the event too, for backends that draw links rather than parents.
  const recorded = trace.getSpanContext(producerContext(event));
  const links: Link[] = recorded ? [{ context: recorded }] : [];
  return inSpan(
    `${durable} process ${event.type ?? 'event'}`,
    {
      kind: SpanKind.CONSUMER,
      parent,
      links,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': durable,
        'messaging.destination.name': event.type,
        'messaging.message.id': event.id,
        'cloudevents.event_source': event.source,
        'cloudevents.event_sourceseq': typeof event.sourceseq === 'number' ? event.sourceseq : undefined,
      },
    },
    () => fn(),
  );
}

/** A PRODUCER span around the relay's publish of one event, in the trace of the request that recorded it. */
export function inPublishSpan<T>(subject: string, payload: unknown, fn: () => Promise<T>): Promise<T> {
  const parent = producerContext((payload ?? {}) as Partial<CloudEvent>);
  if (!trace.getSpanContext(parent)) return fn();
  return inSpan(
    `publish ${subject}`,
    {
      kind: SpanKind.PRODUCER,
      parent,
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
    },
    () => fn(),
  );
}
