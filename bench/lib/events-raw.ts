import type { Bus } from '@backoffice/kit';

const now = () => performance.timeOrigin + performance.now();

/**
 * Raw JetStream, the pipeline's yardstick: `body` published on `subject` for `durationSec` s,
 * pipelined with 1,024 acks outstanding (message ids `<msgIdPrefix>-<n>`), then consumed by a durable
 * pull consumer acking each. Answers both rates in messages per second.
 */
export async function rawJetStream(
  bus: Bus,
  options: { run: number; subject: string; body: string; msgIdPrefix: string; durationSec: number },
): Promise<{ publish: number; consume: number }> {
  const { run, subject, body, msgIdPrefix, durationSec } = options;
  const until = Date.now() + durationSec * 1000;
  const t0 = now();
  let sent = 0;
  const window = new Set<Promise<unknown>>();
  while (Date.now() < until) {
    const p: Promise<unknown> = bus.js
      .publish(subject, body, { msgID: `${msgIdPrefix}-${sent++}` })
      .then(() => window.delete(p));
    window.add(p);
    if (window.size >= 1024) await Promise.race(window);
  }
  await Promise.all(window);
  const publish = Math.round(sent / ((now() - t0) / 1000));

  const durable = `bench-raw-${run}`;
  await bus.jsm.consumers.add(bus.stream, {
    durable_name: durable,
    ack_policy: 'explicit',
    filter_subject: subject,
    max_ack_pending: 1_000,
  } as never);
  const c = await bus.js.consumers.get(bus.stream, durable);
  let got = 0;
  const t1 = now();
  await new Promise<void>((resolve) => {
    void c
      .consume({
        max_messages: 256,
        callback: (m) => {
          JSON.parse(Buffer.from(m.data).toString('utf8'));
          m.ack();
          if (++got === sent) resolve();
        },
      })
      .then((messages) => setTimeout(() => messages.close(), (durationSec + 60) * 1000).unref());
  });
  const consume = Math.round(sent / ((now() - t1) / 1000));
  await bus.jsm.consumers.delete(bus.stream, durable);
  return { publish, consume };
}
