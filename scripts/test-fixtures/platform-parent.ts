import { startPlatform } from '@backoffice/testkit';

/**
 * Starts the stand-in platform and prints the child pids, then idles: the orphan test kills this
 * process with SIGKILL and checks that the children go away on their own.
 */
const [rootDir, ports] = [process.argv[2], JSON.parse(process.argv[3]) as number[]];
const [hr, it, gatewayPort] = ports;
const platform = await startPlatform({
  rootDir,
  services: ['hr', 'it'],
  servicePorts: { hr, it },
  gatewayPort,
  log: 'silent',
});
console.log(JSON.stringify(platform.processes.map((p) => p.managed.pid)));
setInterval(() => {}, 1_000);
