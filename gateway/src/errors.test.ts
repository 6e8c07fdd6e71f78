import { describe, expect, it } from 'vitest';
import { createErrorFormatter, INTERNAL_ERROR_MESSAGE } from './errors.js';
import type { Logger } from '@backoffice/kit';

const lines: string[] = [];
// Only `error` is called by the formatter.
const log = {
  error: (fields: object, msg: string) => lines.push(JSON.stringify({ ...fields, msg })),
} as unknown as Logger;

describe('formatError', () => {
  const production = createErrorFormatter({ development: false, log });
  const development = createErrorFormatter({ development: true, log });

  it('keeps contract errors and their code, without internal extensions', () => {
    const formatted = production(
      {
        message: 'employee e1 not found',
        path: ['employee'],
        extensions: { code: 'NOT_FOUND', serviceName: 'hr', stacktrace: ['at x'], http: { status: 404 } },
      },
      null,
    );
    expect(formatted).toEqual({
      message: 'employee e1 not found',
      path: ['employee'],
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it("keeps graphql's standard codes for parse and validation failures", () => {
    expect(
      production(
        {
          message: 'Syntax Error: Expected Name, found <EOF>.',
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        },
        null,
      ),
    ).toEqual({
      message: 'Syntax Error: Expected Name, found <EOF>.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const unknown = production(
      {
        message: 'Cannot query field "salry" on type "Contract".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
      },
      null,
    );
    expect(unknown.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(
      development({ message: 'x', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, null).extensions,
    ).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it("gives the gateway's limits BAD_USER_INPUT naming the limit", () => {
    const limit = production(
      { message: 'too deep', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'MAX_QUERY_DEPTH' } },
      null,
    );
    expect(limit.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'MAX_QUERY_DEPTH' });
    // graphql-js spells it "more that" today; either spelling is the token limit.
    for (const message of [
      'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.',
      'Syntax Error: Document contains more than 5000 tokens. Parsing aborted.',
    ]) {
      expect(production({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, null).extensions).toEqual({
        code: 'BAD_USER_INPUT',
        limit: 'MAX_TOKENS',
      });
    }
  });

  it("maps Apollo's other client-mistake codes to BAD_USER_INPUT", () => {
    for (const code of ['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']) {
      expect(production({ message: 'm', extensions: { code } }, null).extensions).toEqual({
        code: 'BAD_USER_INPUT',
      });
    }
  });

  it('hides internal failures outside development and logs them', () => {
    lines.length = 0;
    const formatted = production(
      {
        message: 'duplicate key value violates unique constraint "employee_email_key" on db.internal:5432',
        extensions: { code: 'INTERNAL_SERVER_ERROR', response: { url: 'http://hr.internal:4001/graphql' } },
      },
      null,
    );
    expect(formatted).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/internal:|constraint/);
    expect(lines.join()).toContain('duplicate key');
    expect(production({ message: 'boom' }, null).message).toBe(INTERNAL_ERROR_MESSAGE);
  });

  it('shows everything in development', () => {
    const formatted = development(
      { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      null,
    );
    expect(formatted.message).toBe('boom');
    expect(formatted.extensions?.stacktrace).toEqual(['at x']);
  });
});

describe('withoutSuggestions', () => {
  it('drops "Did you mean" outside development', async () => {
    const { withoutSuggestions } = await import('./errors.js');
    expect(withoutSuggestions('Cannot query field "salry" on type "Contract". Did you mean "salary"?')).toBe(
      'Cannot query field "salry" on type "Contract".',
    );
    const production = createErrorFormatter({ development: false, log });
    const formatted = production(
      {
        message: 'Value "OPN" does not exist in "Status" enum. Did you mean the enum value "OPEN"?',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      null,
    );
    expect(formatted).toEqual({
      message: 'Value "OPN" does not exist in "Status" enum.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
