import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs, one line per event. Secrets and personal data never reach a log line: the paths below
 * are censored wherever they appear (tokens, identity headers, IBANs, salaries, BSNs).
 */
const REDACT = [
  'authorization',
  'token',
  '*.authorization',
  '*.token',
  'req.headers.authorization',
  'headers.authorization',
  'headers["x-backoffice-identity-signature"]',
  'headers["x-backoffice-identity-session"]',
  'iban',
  'bsn',
  '*.iban',
  '*.bsn',
  '*.*.iban',
  '*.*.bsn',
  '*.*.*.bsn',
  '*.monthlySalary',
  '*.salary',
  '*.password',
  '*.contentBase64',
];

export function createLogger(name: string, level = 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}
