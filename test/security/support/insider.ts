import { afterAll, expect } from 'vitest';
import type { Role } from '@backoffice/kit';
import {
  errorCodes,
  type GraphQLClient,
  type GraphQLResponse,
  graphqlClient,
  mintToken,
} from '@backoffice/testkit';
import { wholePlatform } from '../../support/whole-platform.js';

/**
 * The insider suite's rig: the whole platform as separate processes behind the gateway (real Postgres
 * and NATS, isolated per file), signed-in users with the roles a real insider would hold, and a
 * count of the bypasses tried, printed when the file ends. Each bypass is one `attempt`: it performs
 * the get-around as the user would and fails the test if the platform lets it through.
 */
export interface Insider {
  /** The gateway's GraphQL URL. */
  readonly url: string;
  /** A client signed in as `sub` with `roles` (and, for employees, their own `employeeId`). */
  as(sub: string, roles: Role[], employeeId?: string): Promise<GraphQLClient>;
  /** Polls `fn` until `ok` holds or `ms` pass; returns the last value either way. */
  eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms?: number): Promise<T>;
  /** Counts one bypass attempt; expects the answer to be refused with `code` (and, if given, a message match). */
  refused(name: string, answer: GraphQLResponse, code: string, message?: RegExp): void;
  /** Counts one bypass attempt made without GraphQL (a race, an event); `blocked` must hold. */
  tried(name: string, blocked: boolean, detail?: string): void;
}

/** Starts the platform for one test file; `env` adds to the isolated test environment. */
export function insiderPlatform(area: string, env: Record<string, string> = {}): Insider {
  const whole = wholePlatform(env);
  const attempts: string[] = [];
  const gotThrough: string[] = [];

  afterAll(() => {
    console.log(
      `insider suite (${area}): tried ${attempts.length} bypasses, ${gotThrough.length} got through` +
        (gotThrough.length ? `: ${gotThrough.join('; ')}` : ''),
    );
  });

  const insider: Insider = {
    get url() {
      return whole.platform.gatewayUrl;
    },
    async as(sub, roles, employeeId) {
      return graphqlClient(insider.url, await mintToken({ sub, roles, employeeId }));
    },
    async eventually(fn, ok, ms = 20_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const v = await fn();
        if (ok(v) || Date.now() > deadline) return v;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    refused(name, answer, code, message) {
      attempts.push(name);
      const codes = errorCodes(answer);
      const blocked =
        codes.includes(code) && (!message || answer.errors!.some((e) => message.test(e.message)));
      if (!blocked) gotThrough.push(name);
      expect(
        codes,
        `${name}: expected ${code}, got ${JSON.stringify(answer.errors ?? answer.data)}`,
      ).toContain(code);
      if (message) expect(answer.errors!.map((e) => e.message).join('\n'), name).toMatch(message);
    },
    tried(name, blocked, detail) {
      attempts.push(name);
      if (!blocked) gotThrough.push(name);
      expect(blocked, `${name} got through${detail ? `: ${detail}` : ''}`).toBe(true);
    },
  };
  return insider;
}
