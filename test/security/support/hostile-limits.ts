import { request as httpRequest } from 'node:http';
import { check, type SecurityCase } from './cases.js';
import { DUMMY_ID } from './operations.js';
import { codes, post } from './hostile-requests.js';

/**
 * Requests the gateway must refuse before they cost anything: deep, wide, aliased, costly and
 * oversized queries, non-JSON and CSRF-shaped posts, a mutation over GET, a batch. `hr` is the
 * caller's authorization header (limits apply to signed-in callers too).
 */
export function limitCases(gatewayUrl: string, hr: Record<string, string>): SecurityCase[] {
  const limited = (name: string, body: unknown, limit: RegExp, status = 400): SecurityCase => ({
    name,
    async run() {
      const a = await post(gatewayUrl, body, hr);
      check(a.status === status, `HTTP ${a.status}: ${a.text.slice(0, 160)}`);
      check(codes(a)[0] === 'BAD_USER_INPUT', `code ${codes(a)[0]}`);
      check(limit.test(a.body.errors?.[0]?.message ?? ''), `message: ${a.body.errors?.[0]?.message}`);
    },
  });
  /** Sends a body over MAX_BODY_BYTES and expects 413 before the upload ends. */
  const oversized = (declared: boolean) =>
    new Promise<void>((resolve, reject) => {
      const url = new URL(gatewayUrl);
      const size = 9 * 1024 * 1024;
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...hr,
            ...(declared ? { 'content-length': String(size) } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            req.destroy();
            try {
              check(res.statusCode === 413, `HTTP ${res.statusCode}`);
              check(/MAX_BODY_BYTES/.test(text) && /BAD_USER_INPUT/.test(text), text.slice(0, 160));
              resolve();
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.on('error', () => {
        // The gateway closes the connection once it answered; the upload may notice first.
      });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      // Spaces only. With a declared length the gateway answers on the headers alone: send one chunk
      // and wait (pushing all 9 MB at a socket it closed can reset the connection before we read).
      if (declared) req.write(chunk);
      else pump();
      setTimeout(() => reject(new Error('no answer in 10 s')), 10_000).unref();
    });
  const deep = `{ employee(id: "${DUMMY_ID}") { ${'manager { '.repeat(20)}id${' }'.repeat(20)} } }`;
  const aliases = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: departments { id }`).join(' ')} }`;
  const fragmentBomb = `{ ...F ...F ...F ...F ...F ...F ...F ...F ...F ...F } fragment F on Query { ${Array.from({ length: 5 }, (_, i) => `f${i}: departments { id }`).join(' ')} }`;
  const directives = `{ departments { id ${Array.from({ length: 60 }, () => '@include(if: true)').join(' ')} } }`;
  const tokens = `{ departments { ${Array.from({ length: 6000 }, () => 'id').join(' ')} } }`;
  const costly = '{ employees(first: 100) { edges { node { reports { reports { reports { id } } } } } } }';
  const cases = [
    limited('depth 20', { query: deep }, /MAX_QUERY_DEPTH/),
    limited('200 aliases', { query: aliases }, /MAX_ALIASES/),
    limited('aliases hidden in a fragment spread 10 times', { query: fragmentBomb }, /MAX_ALIASES/),
    limited('60 directives', { query: directives }, /MAX_DIRECTIVES/),
    limited('6000 tokens', { query: tokens }, /token/i),
    limited('nested lists over MAX_COST', { query: costly }, /MAX_COST/),
    {
      name: 'a declared 9 MB body',
      run: async () => oversized(true),
    },
    {
      name: 'a chunked body growing past 8 MB',
      run: async () => oversized(false),
    },
    limited('a body that is not JSON', '{"query": ', /JSON/),
    {
      name: 'text/plain POST (CSRF)',
      async run() {
        const res = await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', ...hr },
          body: '{ departments { id } }',
        });
        check(res.status === 400, `HTTP ${res.status}`);
      },
    },
    {
      name: 'a mutation over GET',
      async run() {
        const res = await fetch(
          `${gatewayUrl}?query=${encodeURIComponent('mutation { createDepartment(input: { name: "G", costCenter: "G-1" }) { id } }')}`,
          { headers: { ...hr, 'apollo-require-preflight': '1' } },
        );
        check(res.status >= 400 && res.status < 500, `HTTP ${res.status}`);
      },
    },
    {
      name: 'a batch array',
      async run() {
        const a = await post(
          gatewayUrl,
          [{ query: '{ departments { id } }' }, { query: '{ departments { id } }' }],
          hr,
        );
        check(a.status >= 400 && a.status < 500, `HTTP ${a.status}`);
      },
    },
  ] satisfies SecurityCase[];
  return cases;
}
