import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BodyTooLargeError, isRole, type Logger, readBody, sendJson } from '@backoffice/kit';
import { SignJWT } from 'jose';
import { mayUseDevLogin } from './auth/dev-login.js';
import type { GatewayConfig } from './config.js';

/**
 * The back-office console and the analyst workbench, served by the gateway from the console's
 * production build (apps/console/dist, `pnpm console:build`):
 *   GET  /console, /console/*     the single-page app; unknown paths fall back to index.html
 *   GET  /console/config.json     how to sign in (the dev login, or the OIDC issuer to redirect to),
 *                                 and the company's COUNTRY, which picks the console's default language
 *   POST /console/dev-login       dev mode only, from this machine: a token for chosen roles, signed
 *                                 with JWT_SECRET (auth/dev-login.ts); a 404 anywhere else
 *   GET  /graphiql                GraphiQL, bundled from the npm package (no CDN)
 * The console talks only to /graphql and /documents of this same origin.
 */

export const DEFAULT_CONSOLE_DIST = fileURLToPath(new URL('../../apps/console/dist', import.meta.url));

export interface ConsoleOptions {
  mode: GatewayConfig['mode'];
  jwt: GatewayConfig['jwt'];
  log: Logger;
  /** Where the production build is; CONSOLE_DIST or apps/console/dist. */
  distDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Answers the console's routes; returns false for any other path so the gateway routes it on. */
export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Dev tokens live a working day (or JWT_MAX_TTL if shorter): long enough for a session, gone overnight. */
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;
const EMPLOYEE_ID = /^[\w-]{1,64}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

/** COUNTRY as hr reads it (ISO 3166 alpha-2, default NL); anything else leaves the console in English. */
function companyCountry(raw: string | undefined): string | null {
  const value = raw?.trim() || 'NL';
  return COUNTRY.test(value) ? value.toUpperCase() : null;
}

function securityHeaders(connectExtra: string): Record<string, string> {
  return {
    // Scripts only from our own bundle; React and GraphiQL set inline style attributes.
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${connectExtra}`,
      "worker-src 'self' blob:",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

export function createConsoleHandler(options: ConsoleOptions): ConsoleHandler {
  const env = options.env ?? process.env;
  const distDir = resolve(env.CONSOLE_DIST?.trim() || options.distDir || DEFAULT_CONSOLE_DIST);
  const oidcIssuer = env.OIDC_ISSUER?.trim() || null;
  const oidc = oidcIssuer
    ? {
        issuer: oidcIssuer,
        clientId: env.OIDC_CLIENT_ID?.trim() || 'backoffice-console',
        scope: env.OIDC_SCOPE?.trim() || 'openid profile',
        audience: env.OIDC_AUDIENCE?.trim() || options.jwt.audience,
      }
    : null;
  // The dev login signs with the gateway's own HS256 secret: dev mode only, from this machine only.
  const devLoginAllowed = (req: IncomingMessage) =>
    mayUseDevLogin(options.mode, !!options.jwt.secret, {
      remoteAddress: req.socket.remoteAddress,
      headers: req.headers,
    });
  const devTokenTtl = Math.min(DEV_TOKEN_TTL_SECONDS, options.jwt.maxTtlSeconds);
  const country = companyCountry(env.COUNTRY);
  const headers = securityHeaders(oidc ? ` ${new URL(oidc.issuer).origin}` : '');

  async function sendFile(
    res: ServerResponse,
    path: string,
    cache: string,
    method: string,
  ): Promise<boolean> {
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) return false;
      size = info.size;
    } catch {
      return false;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': cache,
    });
    if (method === 'HEAD') {
      res.end();
      return true;
    }
    createReadStream(path).pipe(res);
    return true;
  }

  async function sendPage(res: ServerResponse, page: string, method: string): Promise<void> {
    // HTML is revalidated on every load so a new build's hashed assets are picked up at once.
    const sent = await sendFile(res, join(distDir, page), 'no-cache', method);
    if (!sent) {
      res.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'retry-after': '30' });
      res.end(`The console is not built. Run \`pnpm console:build\` (expected ${join(distDir, page)}).\n`);
    }
  }

  async function devLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: { roles?: unknown; employeeId?: unknown; sub?: unknown };
    try {
      body = JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}');
    } catch (error) {
      sendJson(res, error instanceof BodyTooLargeError ? 413 : 400, { error: 'expected a small JSON body' });
      return;
    }
    const roles = Array.isArray(body.roles)
      ? body.roles.filter((r): r is string => typeof r === 'string')
      : [];
    if (roles.length === 0 || !roles.every(isRole)) {
      sendJson(res, 400, { error: 'roles: one or more known roles' });
      return;
    }
    const employeeId = typeof body.employeeId === 'string' && body.employeeId ? body.employeeId : undefined;
    if (employeeId && !EMPLOYEE_ID.test(employeeId)) {
      sendJson(res, 400, { error: 'employeeId: not an id' });
      return;
    }
    const sub =
      typeof body.sub === 'string' && /^[\w.@-]{1,64}$/.test(body.sub)
        ? body.sub
        : `dev-${employeeId ?? roles.join('-')}`;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ roles: [...new Set(roles)], ...(employeeId ? { employeeId } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + devTokenTtl);
    if (options.jwt.issuer) jwt.setIssuer(options.jwt.issuer);
    if (options.jwt.audience) jwt.setAudience(options.jwt.audience);
    const token = await jwt.sign(new TextEncoder().encode(options.jwt.secret as string));
    options.log.info({ sub, roles, employeeId }, 'dev login');
    sendJson(res, 200, { token, expiresIn: devTokenTtl }, { 'cache-control': 'no-store' });
  }

  return async (req, res, url) => {
    const { pathname } = url;
    const method = req.method ?? 'GET';
    const isRead = method === 'GET' || method === 'HEAD';
    if (pathname === '/graphiql' || pathname === '/graphiql/') {
      if (!isRead) return false;
      await sendPage(res, 'graphiql.html', method);
      return true;
    }
    if (pathname !== '/console' && !pathname.startsWith('/console/')) return false;

    if (pathname === '/console/dev-login') {
      if (!devLoginAllowed(req)) {
        // As if the route did not exist: outside dev mode or from elsewhere there is nothing to find.
        options.log.warn(
          { remoteAddress: req.socket.remoteAddress, mode: options.mode },
          'dev login refused: dev mode only, from this machine only',
        );
        sendJson(res, 404, { error: 'not found' });
        return true;
      }
      if (method !== 'POST') {
        sendJson(res, 405, { error: 'use POST' }, { allow: 'POST' });
        return true;
      }
      await devLogin(req, res);
      return true;
    }
    if (!isRead) {
      sendJson(res, 405, { error: 'the console is read-only; the API is /graphql' }, { allow: 'GET, HEAD' });
      return true;
    }
    if (pathname === '/console/config.json') {
      sendJson(res, 200, { devLogin: devLoginAllowed(req), oidc, country }, { 'cache-control': 'no-cache' });
      return true;
    }
    if (pathname === '/console') {
      res.writeHead(308, { location: '/console/' });
      res.end();
      return true;
    }

    // `url.pathname` has dot segments resolved; the containment check keeps encoded tricks out too.
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice('/console/'.length));
    } catch {
      relative = '';
    }
    const file = resolve(distDir, relative);
    const inside = file.startsWith(distDir + sep) && !relative.includes('\0');
    if (inside && relative && relative !== 'index.html' && relative !== 'graphiql.html') {
      // Vite puts a content hash in every asset's name: cache them for a year, never revalidate.
      const cache = relative.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300';
      if (await sendFile(res, file, cache, method)) return true;
    }
    if (extname(relative) && relative !== 'index.html') {
      // A missing asset must not be answered with the page (a script tag would parse HTML).
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return true;
    }
    // Client-side routes (/console/people/42) get the app, which routes them itself.
    await sendPage(res, 'index.html', method);
    return true;
  };
}

/** For tests and tooling: whether a build is present. */
export async function consoleBuilt(distDir = DEFAULT_CONSOLE_DIST): Promise<boolean> {
  return readFile(join(distDir, 'index.html')).then(
    () => true,
    () => false,
  );
}
