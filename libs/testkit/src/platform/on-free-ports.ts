import { SERVICE_NAMES, type ServiceName } from '@backoffice/kit';
import { freePort } from './ports.js';
import { type Platform, type PlatformOptions, startPlatform } from './start.js';

/** A free loopback port for each of `services` (every subgraph by default). */
export async function freeServicePorts(
  services: readonly ServiceName[] = SERVICE_NAMES,
): Promise<Record<ServiceName, number>> {
  const ports = await Promise.all(services.map(() => freePort()));
  return Object.fromEntries(services.map((name, i) => [name, ports[i]])) as Record<ServiceName, number>;
}

/**
 * The whole platform for one test file: every subgraph and the gateway as processes of their own on
 * free loopback ports, quiet unless one fails, with `env` (a run's isolated names) for every process;
 * `options` for the rest (the runtime, a longer wait on a busy machine).
 */
export async function startPlatformOnFreePorts(
  env: Record<string, string>,
  options: Pick<PlatformOptions, 'runtime' | 'readyTimeoutMs'> = {},
) {
  const [gatewayPort, servicePorts] = await Promise.all([freePort(), freeServicePorts()]);
  return startPlatform({
    env,
    gatewayPort,
    servicePorts,
    log: 'silent',
    readyTimeoutMs: 90_000,
    ...options,
  });
}

/**
 * The last lines each process wrote (they run quiet): what a failing test prints, so a failure that
 * happens once in many runs leaves the services' own warnings (a retried event, a refused one, a
 * failing relay) in the log instead of only the assertion.
 */
export function platformTails(platform: Pick<Platform, 'processes'> | undefined): string {
  if (!platform) return 'the platform did not start';
  return platform.processes
    .map(({ name, managed }) => {
      const lines = managed.lastLines();
      return `--- ${name}: last ${lines.length} lines\n${lines.map((l) => `  ${l}`).join('\n') || '  (no output)'}`;
    })
    .join('\n');
}
