import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { nameRequestRoute, requestTraceId } from './http-tracing.js';
import { tracingEnabled } from './tracing.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('a request with tracing off', () => {
  it('costs no span, and its log lines still carry the trace id its caller sent', () => {
    expect(tracingEnabled()).toBe(false);
    expect(() => nameRequestRoute('/graphql')).not.toThrow();
    const req = { method: 'POST', headers: { traceparent: TRACEPARENT } } as unknown as IncomingMessage;
    expect(requestTraceId(req)).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(requestTraceId({ headers: {} } as IncomingMessage)).toBeUndefined();
    expect(
      requestTraceId({ headers: { traceparent: 'not one' } } as unknown as IncomingMessage),
    ).toBeUndefined();
  });
});
