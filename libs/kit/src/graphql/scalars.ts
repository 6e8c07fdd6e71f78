import { Decimal } from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL_RE = /^-?\d{1,18}(\.\d{1,10})?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(scalar: string, message: string): GraphQLError {
  return new GraphQLError(`${scalar}: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Money and quantities travel as decimal strings; a float would lose cents. */
export function parseDecimal(value: unknown): string {
  if (typeof value !== 'string')
    throw invalid('Decimal', 'expected a decimal string such as "1234.50", not a number');
  const trimmed = value.trim();
  if (!DECIMAL_RE.test(trimmed)) throw invalid('Decimal', `"${value}" is not a decimal number`);
  return new Decimal(trimmed).toFixed();
}

export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'A decimal number as a string, e.g. "1234.50"; money is never a float.',
  serialize: (v) => (v instanceof Decimal ? v.toFixed() : String(v)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('Decimal', 'expected a decimal string such as "1234.50"');
    return parseDecimal(ast.value);
  },
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isValidDate(value))
    throw invalid('Date', `"${String(value)}" is not a date (YYYY-MM-DD)`);
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('Date', 'expected a string YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw invalid('DateTime', 'expected an ISO 8601 string');
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value))
    throw invalid('DateTime', `"${value}" is not an ISO 8601 date-time`);
  return d;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 in UTC.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw invalid('DateTime', 'expected an ISO 8601 string');
    return parseDateTime(ast.value);
  },
});

export const scalarResolvers = { Decimal: DecimalScalar, Date: DateScalar, DateTime: DateTimeScalar };
