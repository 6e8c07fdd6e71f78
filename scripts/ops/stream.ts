import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectBus, platformConfig, streamMaxAge } from '@backoffice/kit';

/**
 * `pnpm ops:stream`: creates the event stream, or corrects its subjects and max_age, as the ops user
 * (NATS_USER=ops with NATS_PASSWORD_FILE, or NATS_CREDS). The services' users may only read the
 * stream's settings, so this runs once per environment before they start, and again whenever
 * OUTBOX_RETENTION_DAYS changes (the stream keeps events exactly as long as the outbox).
 */
export async function provisionEventStream(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const config = platformConfig(env);
  const bus = await connectBus({
    url: config.NATS_URL,
    stream: config.EVENTS_STREAM,
    prefix: config.EVENTS_SUBJECT_PREFIX,
    name: 'backoffice-ops-stream',
    credentials: config.natsCredentials,
    mode: config.mode,
    retentionDays: config.OUTBOX_RETENTION_DAYS,
    provision: true,
  });
  try {
    const info = await bus.jsm.streams.info(config.EVENTS_STREAM);
    const days = info.config.max_age / streamMaxAge(1);
    return `stream ${info.config.name}: subjects ${info.config.subjects.join(', ')}; events kept ${days} days; ${info.state.messages} stored`;
  } finally {
    await bus.nc.close().catch(() => undefined);
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${await provisionEventStream()}\n`);
  } catch (err) {
    process.stderr.write(`ops:stream: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
