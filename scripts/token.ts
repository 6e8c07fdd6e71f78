import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROLES } from '@backoffice/kit';
import { mintToken, signingSecret, TokenError } from '@backoffice/testkit';

export { mintToken, type MintOptions, type TokenClaims } from '@backoffice/testkit';

/**
 * `pnpm token --sub ID --roles hr,payroll [--employee EMPLOYEE_ID] [--ttl 8h]`: prints a signed
 * development token, for curl, the GraphQL sandbox or the seed script.
 */

const USAGE = `usage: pnpm token --sub USER_ID --roles ROLE[,ROLE...] [--employee EMPLOYEE_ID] [--ttl 8h]
roles: ${ROLES.join(', ')}
signs with JWT_SECRET (HS256); adds iss/aud from JWT_ISSUER/JWT_AUDIENCE when set; always iat;
--ttl at most JWT_MAX_TTL (12h unless set), as the gateway refuses longer-lived tokens`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { sub?: string; roles?: string; employee?: string; ttl?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        sub: { type: 'string' },
        roles: { type: 'string' },
        employee: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.sub || !values.roles) {
    process.stderr.write(`--sub and --roles are required\n${USAGE}\n`);
    return 2;
  }
  const { secret, isDevSecret } = signingSecret(env);
  if (isDevSecret) {
    process.stderr.write('warning: JWT_SECRET is not set; signing with the development secret\n');
  }
  try {
    const token = await mintToken(
      {
        sub: values.sub,
        roles: values.roles
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
        employeeId: values.employee,
      },
      {
        secret,
        ttl: values.ttl,
        maxTtl: env.JWT_MAX_TTL || undefined,
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
      },
    );
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
}

// Run only as a command, so tests can import mintToken and main without side effects.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
