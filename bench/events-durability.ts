/**
 * What `sync_interval: always` costs: the event benchmark against two private JetStream servers side by
 * side, one with the default (JetStream syncs every 2 minutes on 2.9) and one whose store directory has
 * ext4's synchronous attribute (`chattr +S`), so every write JetStream makes there reaches the disk
 * before it returns — a stand-in for 2.10's `sync_interval: always`, which nats-server 2.9 lacks.
 *   pnpm bench:events-durability [--runs 2] [--duration 5]
 * Interleaved, medians; the headline is the synced pipeline's throughput as a share of the default's.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argNumber, median } from './lib/load.js';
import { writeResult } from './lib/report.js';
import { freePort } from '@backoffice/testkit';

const RUNS = argNumber('runs', 2);
const DURATION = argNumber('duration', 5);
const root = fs.mkdtempSync(path.join('/var/tmp', 'bench-nats-'));

async function natsServer(name: string, synced: boolean) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  if (synced) execFileSync('chattr', ['+S', dir]);
  const port = await freePort();
  const child = spawn('/usr/sbin/nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], {
    stdio: 'ignore',
  });
  await new Promise((r) => setTimeout(r, 700));
  return { url: `nats://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

function runEvents(natsUrl: string): { ours50: number; ours1: number; raw: number } {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/events.ts', '--runs', '1', '--duration', String(DURATION)],
    {
      env: { ...process.env, NATS_URL: natsUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const out = JSON.parse(fs.readFileSync('bench/out/events.json', 'utf8'));
  const rate = (label: string) =>
    Number(out.throughput.find((t: { path: string }) => t.path.includes(label))['events/s']);
  return { raw: rate('raw JetStream publish'), ours1: rate('1 event/tx'), ours50: rate('50 events/tx') };
}

const plain = await natsServer('default', false);
const synced = await natsServer('synced', true);
const results: Record<'default' | 'synced', ReturnType<typeof runEvents>[]> = { default: [], synced: [] };
try {
  for (let i = 0; i < RUNS; i++) {
    results.default.push(runEvents(plain.url));
    results.synced.push(runEvents(synced.url));
    console.log(
      `run ${i + 1}: default ${JSON.stringify(results.default.at(-1))}, synced ${JSON.stringify(results.synced.at(-1))}`,
    );
  }
} finally {
  plain.stop();
  synced.stop();
  fs.rmSync(root, { recursive: true, force: true });
}
const m = (side: 'default' | 'synced', key: 'raw' | 'ours1' | 'ours50') =>
  median(results[side].map((r) => r[key]));
const rows = (['raw', 'ours1', 'ours50'] as const).map((key) => ({
  path: { raw: 'raw JetStream publish', ours1: 'ours, 1 event/tx', ours50: 'ours, 50 events/tx' }[key],
  defaultEventsPerSec: m('default', key),
  syncedEventsPerSec: m('synced', key),
}));
console.table(rows);
writeResult('events-durability', { runs: RUNS, durationSec: DURATION, cpus: os.cpus().length, rows });
console.log(`ratio: events_synced_vs_default=${(m('synced', 'ours50') / m('default', 'ours50')).toFixed(2)}`);
