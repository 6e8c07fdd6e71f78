import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEV_JWT_SECRET } from '@backoffice/kit';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken, parseTtl } from '@backoffice/testkit';

const run = promisify(execFile);
const SCRIPT = new URL('./token.ts', import.meta.url).pathname;
const key = (secret: string) => new TextEncoder().encode(secret);

function token(args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env, JWT_SECRET: '', JWT_ISSUER: '', JWT_AUDIENCE: '', JWT_MAX_TTL: '' };
  return run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { env: { ...base, ...env } });
}

describe('mintToken', () => {
  it('signs HS256 with sub, roles, employeeId, iat and exp', async () => {
    const jwt = await mintToken(
      { sub: 'u-1', roles: ['hr', 'payroll'], employeeId: 'e-1' },
      { secret: 'a-test-secret-of-enough-length', ttl: '2h', now: 1_700_000_000 },
    );
    expect(decodeProtectedHeader(jwt).alg).toBe('HS256');
    expect(decodeJwt(jwt)).toEqual({
      sub: 'u-1',
      roles: ['hr', 'payroll'],
      employeeId: 'e-1',
      iat: 1_700_000_000,
      exp: 1_700_007_200,
    });
  });

  it('adds issuer and audience, which a verifier can require', async () => {
    const secret = 'another-test-secret-value';
    const jwt = await mintToken(
      { sub: 'u', roles: ['admin'] },
      { secret, issuer: 'iss-x', audience: 'aud-y' },
    );
    const { payload } = await jwtVerify(jwt, key(secret), { issuer: 'iss-x', audience: 'aud-y' });
    expect(payload.sub).toBe('u');
  });

  it('refuses roles the contract does not know', async () => {
    await expect(mintToken({ sub: 'u', roles: ['hr', 'superuser'] }, { secret: 's' })).rejects.toThrow(
      /unknown role\(s\): superuser/,
    );
  });

  it('always sets iat, and refuses a lifetime longer than JWT_MAX_TTL (12h by default)', async () => {
    const secret = 'a-test-secret-of-enough-length';
    const jwt = await mintToken({ sub: 'u', roles: ['hr'] }, { secret, ttl: '12h' });
    const claims = decodeJwt(jwt);
    expect(typeof claims.iat).toBe('number');
    expect((claims.exp as number) - (claims.iat as number)).toBe(12 * 3600);
    await expect(mintToken({ sub: 'u', roles: ['hr'] }, { secret, ttl: '7d' })).rejects.toThrow(
      /JWT_MAX_TTL/,
    );
    await expect(mintToken({ sub: 'u', roles: ['hr'] }, { secret, ttl: '2h', maxTtl: '1h' })).rejects.toThrow(
      /JWT_MAX_TTL, 3600 s/,
    );
  });

  it('can mint an already expired token for negative tests', async () => {
    const jwt = await mintToken({ sub: 'u', roles: ['hr'] }, { secret: 'expired-secret-x', ttl: -60 });
    await expect(jwtVerify(jwt, key('expired-secret-x'))).rejects.toThrow(/exp/);
  });
});

describe('parseTtl', () => {
  it('reads seconds and unit suffixes', () => {
    expect(parseTtl(90)).toBe(90);
    expect(parseTtl('45')).toBe(45);
    expect(parseTtl('15m')).toBe(900);
    expect(parseTtl('8h')).toBe(28_800);
    expect(parseTtl('7d')).toBe(604_800);
    expect(() => parseTtl('soon')).toThrow(/ttl must look like/);
  });
});

// Each case starts node with tsx, which takes seconds on a busy 2-core CI host.
describe('pnpm token', { timeout: 60_000 }, () => {
  it('prints a token signed with JWT_SECRET', async () => {
    const { stdout, stderr } = await token(['--sub', 'alice', '--roles', 'hr,payroll', '--employee', 'e-7'], {
      JWT_SECRET: 'cli-test-secret-long-enough',
      JWT_ISSUER: 'backoffice',
    });
    expect(stderr).toBe('');
    const { payload } = await jwtVerify(stdout.trim(), key('cli-test-secret-long-enough'), {
      issuer: 'backoffice',
    });
    expect(payload).toMatchObject({ sub: 'alice', roles: ['hr', 'payroll'], employeeId: 'e-7' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(8 * 3600);
  });

  it('falls back to the development secret with a warning', async () => {
    const { stdout, stderr } = await token(['--sub', 'bob', '--roles', 'admin', '--ttl', '10m']);
    expect(stderr).toMatch(/JWT_SECRET is not set/);
    const { payload } = await jwtVerify(stdout.trim(), key(DEV_JWT_SECRET));
    expect((payload.exp as number) - (payload.iat as number)).toBe(600);
  });

  it('exits 2 on a --ttl longer than the JWT_MAX_TTL the gateway enforces', async () => {
    const error = await token(['--sub', 'x', '--roles', 'hr', '--ttl', '2h'], { JWT_MAX_TTL: '1h' }).catch(
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/longer than the gateway accepts/);
  });

  it('exits 2 with the known roles on an unknown role', async () => {
    const error = await token(['--sub', 'x', '--roles', 'root']).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/unknown role\(s\): root; known roles: admin, hr/);
  });

  it('exits 2 with usage when --sub is missing', async () => {
    const error = await token(['--roles', 'hr']).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/usage: pnpm token/);
  });
});
