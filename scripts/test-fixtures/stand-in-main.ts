import { createServer } from 'node:http';
import path from 'node:path';

/**
 * A stand-in for a subgraph or the gateway in the platform tests: it serves /health and /ready
 * like the real ones, and misbehaves on request (STAND_IN_FAIL, STAND_IN_IGNORE_SIGTERM).
 */
const name = path.basename(process.cwd());
const port = Number(process.env[`${name.toUpperCase()}_PORT`]);
const startedAt = Date.now();

if (process.env.STAND_IN_FAIL === name) {
  console.error(`${name}: cannot connect to the database (stand-in failure)`);
  process.exit(3);
}

if (process.env.STAND_IN_IGNORE_SIGTERM === name) {
  process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
} else {
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

const server = createServer((req, res) => {
  if (req.url === '/health') return void res.writeHead(200).end('ok');
  // Not ready for a moment, as a real service migrating its database would be.
  if (req.url === '/ready') return void res.writeHead(Date.now() - startedAt > 300 ? 200 : 503).end();
  if (req.url === '/env') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ pid: process.pid, env: process.env }));
  }
  res.writeHead(404).end();
});
server.listen(port, '127.0.0.1', () => console.log(`${name} listening on ${port}`));
