import type { IncomingMessage } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import { requestContext } from './context.js';

describe('a request context', () => {
  const identity = { userId: 'u-1', roles: [], employeeId: null };
  const req = {
    headers: {
      'x-request-id': 'r-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
  } as unknown as IncomingMessage;

  it('makes its logger, with the request ids, only when something logs; a copy as Apollo makes one keeps it', () => {
    const child = { info: vi.fn() } as unknown as Logger;
    const serviceLog = { child: vi.fn(() => child) } as unknown as Logger;
    const ctx = requestContext(identity, req, { log: serviceLog, db: {} as DataSource, services: {} });
    // Apollo copies the context for each operation: own properties onto an object of the same prototype.
    const copy = Object.assign(Object.create(Object.getPrototypeOf(ctx)), ctx) as typeof ctx;
    expect(serviceLog.child).not.toHaveBeenCalled();
    expect(copy.log).toBe(child);
    expect(copy.log).toBe(child);
    expect(serviceLog.child).toHaveBeenCalledTimes(1);
    expect(serviceLog.child).toHaveBeenCalledWith({
      requestId: 'r-1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      userId: 'u-1',
    });
    expect(copy.identity).toBe(identity);
    expect(copy.loaders).toBe(ctx.loaders);
  });
});
