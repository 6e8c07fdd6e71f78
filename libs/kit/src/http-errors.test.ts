import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_RESPONSE_JSON, graphqlResponseType, sendGraphQLError, sendJson } from './http.js';

describe('graphqlResponseType', () => {
  it('answers application/graphql-response+json only when the Accept header prefers it', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'application/json'],
      ['', 'application/json'],
      ['*/*', 'application/json'],
      ['application/json', 'application/json'],
      [GRAPHQL_RESPONSE_JSON, GRAPHQL_RESPONSE_JSON],
      // GraphQL over HTTP's recommended header: the new type first, JSON for older servers.
      [`${GRAPHQL_RESPONSE_JSON}, application/json;q=0.9`, GRAPHQL_RESPONSE_JSON],
      [`${GRAPHQL_RESPONSE_JSON}, application/json`, GRAPHQL_RESPONSE_JSON],
      [`application/json, ${GRAPHQL_RESPONSE_JSON}`, 'application/json'],
      [`application/json;q=0.5, ${GRAPHQL_RESPONSE_JSON};q=0.8`, GRAPHQL_RESPONSE_JSON],
      [`${GRAPHQL_RESPONSE_JSON};q=0, */*`, 'application/json'],
      [`${GRAPHQL_RESPONSE_JSON}, */*;q=0.1`, GRAPHQL_RESPONSE_JSON],
      // A more specific range wins over a wildcard at the same q.
      [`*/*, ${GRAPHQL_RESPONSE_JSON}`, GRAPHQL_RESPONSE_JSON],
      [`application/*, application/json`, 'application/json'],
      ['application/json;q=0, */*', GRAPHQL_RESPONSE_JSON],
      [' Application/GraphQL-Response+JSON ; charset=utf-8 ', GRAPHQL_RESPONSE_JSON],
      // Neither accepted, or nonsense: JSON (an error is answered, not a 406).
      ['text/html', 'application/json'],
      ['text/html, application/xml;q=0.9', 'application/json'],
      [`${GRAPHQL_RESPONSE_JSON};q=banana`, 'application/json'],
      [',,;;,', 'application/json'],
    ];
    for (const [accept, expected] of cases)
      expect(graphqlResponseType(accept), String(accept)).toBe(expected);
  });
});

describe('sendGraphQLError and sendJson', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/json') return sendJson(res, 200, { status: 'ok' });
      sendGraphQLError(
        res,
        429,
        'RATE_LIMITED',
        'slow down',
        { 'retry-after': '7' },
        { retryAfterSeconds: 7 },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the error in the media type the request accepts, with its headers and extensions', async () => {
    for (const [accept, type] of [
      [undefined, 'application/json'],
      [`${GRAPHQL_RESPONSE_JSON}, application/json;q=0.9`, GRAPHQL_RESPONSE_JSON],
      ['application/json', 'application/json'],
    ] as const) {
      const res = await fetch(`${url}/graphql`, { headers: accept ? { accept } : {} });
      expect(res.status).toBe(429);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(res.headers.get('retry-after')).toBe('7');
      const text = await res.text();
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: 'slow down', extensions: { retryAfterSeconds: 7, code: 'RATE_LIMITED' } }],
      });
    }
  });

  it('keeps the code given even when extensions name one', async () => {
    const res = await new Promise<string>((resolve) => {
      const s = http.createServer((_req, r) =>
        sendGraphQLError(r, 400, 'BAD_USER_INPUT', 'm', {}, { code: 'X' }),
      );
      s.listen(0, '127.0.0.1', async () => {
        const answer = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/`);
        resolve(await answer.text());
        s.close();
      });
    });
    expect(JSON.parse(res).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('leaves plain JSON answers application/json whatever the Accept', async () => {
    const res = await fetch(`${url}/json`, { headers: { accept: GRAPHQL_RESPONSE_JSON } });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
