import { parseEnv, z } from '@backoffice/kit';

/** hr's own settings, parsed once. */
export const config = parseEnv(
  z.object({
    COUNTRY: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 alpha-2 code such as NL')
      .default('NL')
      .transform((c) => c.toUpperCase()),
  }),
);
