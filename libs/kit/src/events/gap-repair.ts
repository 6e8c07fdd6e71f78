import type { DataSource } from 'typeorm';
import type { Keyring } from '../auth/keys.js';
import { poolOf } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Bus } from './bus.js';
import type { EventHandler } from './consumer.js';
import { gapsDueForReplay, markUnrecoverable, recordWatermark } from './progress.js';
import {
  type ReplayReply,
  UnsignedReplyError,
  requestReplay,
  verifiedWatermark,
  watermarkSubject,
} from './replay.js';
import { subjectMatches } from './sequence.js';
import type { Refusals } from './verification.js';

export interface GapRepairOptions {
  bus: Bus;
  dataSource: DataSource;
  handler: EventHandler;
  log: Logger;
  keyring: Keyring;
  refusals: Refusals;
  /** How long a hole may stay open (redeliveries may arrive out of order) before it counts as a loss. */
  graceMs?: number;
  checkEveryMs?: number;
  /** The consumer's backlog: a tail hole is only lag while messages still wait for it. */
  lag: () => Promise<number>;
}

/**
 * One consumer's repair of lost events: it listens to its sources' signed watermarks (a number above
 * anything seen reveals a lost *last* event) and, every `checkEveryMs`, asks the source to replay
 * the holes that outlived the grace period. What the source no longer has is reported loudly, never
 * skipped. An unsigned watermark or reply changes nothing: it is counted and logged.
 */
export class GapRepair {
  requests = 0;
  private timer: NodeJS.Timeout | undefined;
  private watermarks: { unsubscribe(): void } | undefined;

  constructor(private readonly options: GapRepairOptions) {}

  start(): void {
    this.listenForWatermarks();
    this.timer = setInterval(() => {
      void this.repairGaps().catch((e) =>
        this.options.log.warn({ err: (e as Error).message }, 'gap repair failed'),
      );
    }, this.options.checkEveryMs ?? 1_000);
  }

  stop(): void {
    clearInterval(this.timer);
    this.watermarks?.unsubscribe();
  }

  private listenForWatermarks(): void {
    const { bus, handler, dataSource, log, keyring, refusals } = this.options;
    const parts = handler.consumer.reads.subject.split('.');
    const source = parts[1] === '>' || parts[1] === '*' || !parts[1] ? '*' : parts[1];
    this.watermarks = bus.nc.subscribe(watermarkSubject(bus.prefix, source), {
      callback: (err, msg) => {
        if (err) return;
        void (async () => {
          const mark = verifiedWatermark(msg, keyring);
          if (!mark) {
            refusals.count('watermark', 'signature');
            log.error(
              { durable: handler.consumer.durable, subject: msg.subject },
              'watermark refused: not signed by its source; ignored',
            );
            return;
          }
          for (const [subject, last] of mark.subjects)
            if (subjectMatches(handler.consumer.reads.subject, subject))
              await recordWatermark(dataSource, handler.consumer.durable, subject, last);
        })().catch((e) => log.warn({ err: (e as Error).message }, 'watermark not recorded'));
      },
    });
  }

  async repairGaps(now = Date.now()): Promise<number> {
    const { bus, handler, dataSource, log, keyring, refusals } = this.options;
    const due = await gapsDueForReplay(
      poolOf(dataSource),
      handler.consumer.durable,
      now,
      this.options.graceMs ?? 2_000,
    );
    let requested = 0;
    // A tail hole (known from the watermark only) is just lag while messages are still waiting for us.
    const caughtUp = due.length > 0 && (await this.options.lag().catch(() => 1)) === 0;
    for (const { subject, holes } of due) {
      for (const hole of holes) {
        if (hole.tail && !caughtUp) continue;
        this.requests++;
        requested++;
        const reply: ReplayReply = await requestReplay(bus, keyring, subject, hole.from, hole.to).catch(
          (e: Error) => {
            if (e instanceof UnsignedReplyError) {
              refusals.count('replay_reply', 'signature');
              log.error({ durable: handler.consumer.durable, subject }, e.message);
            }
            return { republished: 0, missing: [] as number[], error: e.message };
          },
        );
        log.warn(
          { durable: handler.consumer.durable, subject, ...hole, reply },
          'detected lost events; asked the source to replay',
        );
        if (reply.missing.length > 0) {
          const what = `${subject} ${reply.missing[0]}..${reply.missing.at(-1)} no longer in the source's outbox (older than its retention)`;
          log.error(
            { durable: handler.consumer.durable, subject, missing: reply.missing.length },
            `EVENTS LOST FOR GOOD: ${what}`,
          );
          await markUnrecoverable(dataSource, handler.consumer.durable, subject, what);
        }
      }
    }
    return requested;
  }
}
