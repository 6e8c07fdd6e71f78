import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost, mayUseDevLogin } from './dev-login.js';

const local = { remoteAddress: '127.0.0.1', headers: { host: '127.0.0.1:4000' } };

describe('mayUseDevLogin', () => {
  it('only in dev mode (development or test, i.e. BACKOFFICE_DEV=1), and only with a secret', () => {
    expect(mayUseDevLogin('development', true, local)).toBe(true);
    expect(mayUseDevLogin('test', true, local)).toBe(true);
    expect(mayUseDevLogin('production', true, local)).toBe(false);
    expect(mayUseDevLogin('unmarked', true, local)).toBe(false);
    expect(mayUseDevLogin('development', false, local)).toBe(false);
  });

  it('only from a loopback peer: any 127.x, ::1 and IPv4-mapped 127.x; nothing else', () => {
    for (const remoteAddress of ['127.0.0.1', '127.0.0.2', '127.255.0.9', '::1', '::ffff:127.0.0.1'])
      expect(mayUseDevLogin('development', true, { ...local, remoteAddress }), remoteAddress).toBe(true);
    for (const remoteAddress of [
      undefined,
      '10.0.0.7',
      '192.168.1.20',
      '::ffff:10.0.0.7',
      '0.0.0.0',
      '128.0.0.1',
      'fe80::1',
      '::',
      '127.0.0.1.evil',
    ])
      expect(mayUseDevLogin('development', true, { ...local, remoteAddress }), String(remoteAddress)).toBe(
        false,
      );
  });

  it('not through a proxy (any forwarding header), nor with a Host that is not this machine', () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'])
      expect(
        mayUseDevLogin('development', true, { ...local, headers: { ...local.headers, [header]: '1.2.3.4' } }),
      ).toBe(false);
    for (const host of [
      undefined,
      'attacker.example',
      'localhost.attacker.example',
      '127.0.0.1.nip.io',
      '10.0.0.7:4000',
    ])
      expect(mayUseDevLogin('development', true, { ...local, headers: { host } }), String(host)).toBe(false);
  });
});

describe('loopback names', () => {
  it('reads addresses and Host values with ports and brackets', () => {
    expect(isLoopbackAddress('::FFFF:127.0.0.5')).toBe(true);
    expect(isLoopbackAddress('::ffff:7f00:1')).toBe(false);
    expect(isLoopbackHost('localhost:4000')).toBe(true);
    expect(isLoopbackHost('console.localhost')).toBe(true);
    expect(isLoopbackHost('[::1]:4000')).toBe(true);
    expect(isLoopbackHost('127.0.0.2')).toBe(true);
    expect(isLoopbackHost('[fe80::1]:4000')).toBe(false);
  });
});
