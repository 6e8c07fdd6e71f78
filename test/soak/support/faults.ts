import type { ServiceName } from '@backoffice/kit';
import type { OwnNats } from '../../reliability/support/nats.js';
import type { SoakRig } from './flows.js';
import { sleep } from './load.js';

/**
 * Faults injected one after another while the load runs, each with a quiet gap after it: a
 * subgraph SIGKILLed and restarted at once, the run's Postgres connections cut, the soak's own NATS
 * killed and started again, NATS hung (SIGSTOP) and resumed, one subgraph down for a while. The
 * victims rotate so every service gets hit across a long soak.
 */

export interface FaultWindow {
  kind: string;
  target: string;
  /** Epoch ms the fault began and the system was whole again (service ready, NATS answering). */
  start: number;
  end: number;
}

const VICTIMS: ServiceName[] = ['hr', 'accounting', 'compliance', 'it', 'documents'];

export function faultSchedule(rig: SoakRig, nats: OwnNats, options: { downMs: number; gapMs: number }) {
  const windows: FaultWindow[] = [];
  let victim = 0;
  const next = () => VICTIMS[victim++ % VICTIMS.length];
  const record = async (kind: string, target: string, fault: () => Promise<void>) => {
    const w: FaultWindow = { kind, target, start: Date.now(), end: 0 };
    windows.push(w);
    try {
      await fault();
    } finally {
      w.end = Date.now();
    }
  };

  const restarts: string[] = [];
  /**
   * Starts a subgraph again the way a supervisor would: once more after a failed start. The shared
   * Postgres refusing connections ("too many clients", other suites running) is the usual reason.
   */
  const restart = async (name: ServiceName) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await rig.startService(name);
        return;
      } catch (e) {
        if (attempt === 5) throw e;
        restarts.push(
          `${name}: start ${attempt} failed (${(e as Error).message.split('\n').at(-1)?.slice(0, 120)})`,
        );
        await sleep(2_000 * attempt);
      }
    }
  };

  const faults: (() => Promise<void>)[] = [
    () => {
      const name = next();
      return record('SIGKILL + restart', name, async () => {
        await rig.kill(name);
        await restart(name);
      });
    },
    () =>
      record('Postgres connections cut', 'all run databases', async () => {
        let cut = 0;
        for (let i = 0; i < 4; i++) {
          cut += await rig.dropConnections();
          await sleep(250);
        }
        windows[windows.length - 1].target = `${cut} backends`;
      }),
    () =>
      record('NATS SIGKILL + restart', 'soak nats-server', async () => {
        await nats.stop();
        await sleep(options.downMs / 2);
        await nats.start();
      }),
    () => {
      const name = next();
      return record('subgraph down', name, async () => {
        await rig.kill(name);
        await sleep(options.downMs);
        await restart(name);
      });
    },
    () =>
      record('NATS paused (SIGSTOP)', 'soak nats-server', async () => {
        nats.pause();
        await sleep(options.downMs / 2);
        nats.resume();
      }),
  ];

  return {
    windows,
    /** Starts that failed and were tried again, for the report. */
    restarts,
    /** Injects faults in turn until `until`; a fault started before then runs to its end. */
    async run(until: number): Promise<void> {
      await sleep(Math.min(options.gapMs, 3_000));
      for (let i = 0; Date.now() < until; i++) {
        await faults[i % faults.length]();
        await sleep(Math.min(options.gapMs, until - Date.now()));
      }
    },
  };
}

/** Whether a request that ran from `start` to `end` overlapped a fault or the `graceMs` after it. */
export function duringFault(windows: FaultWindow[], start: number, end: number, graceMs: number): boolean {
  return windows.some((w) => start <= (w.end || Date.now()) + graceMs && end >= w.start);
}
