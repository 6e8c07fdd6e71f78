// Container health probe: exits 0 when this container's process answers 200 on the given path
// (`/health` by default; compose uses `/ready` so dependants wait for migrations). Node is the
// only thing the slim image is sure to have, so no curl or wget.
const DEFAULT_PORTS = {
  gateway: 4000,
  hr: 4001,
  accounting: 4002,
  documents: 4003,
  compliance: 4004,
  it: 4005,
  catalog: 4006,
};
const service = process.env.SERVICE ?? 'gateway';
const port = process.env[`${service.toUpperCase()}_PORT`] ?? DEFAULT_PORTS[service];
const path = process.argv[2] ?? '/health';

try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_500) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
