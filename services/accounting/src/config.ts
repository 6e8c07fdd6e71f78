import { parseEnv, z } from '@backoffice/kit';

/** accounting's own settings, parsed once. */
export const config = parseEnv(
  z.object({
    /** The currency the books are kept in; every journal line is in it. */
    BASE_CURRENCY: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as EUR')
      .default('EUR')
      .transform((c) => c.toUpperCase()),
    /** Four-eyes: an entry whose total debit exceeds this (base currency) waits for an approval. */
    APPROVAL_THRESHOLD: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,2})?$/, 'a decimal amount such as 10000')
      .default('10000'),
    /** Above this (base currency) the approval needs a second step by an admin; compliance reads the same. */
    SECOND_APPROVAL_THRESHOLD: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as 100000')
      .default('100000'),
  }),
);

export type AccountingConfig = typeof config;
