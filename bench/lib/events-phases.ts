/**
 * Where the relay's and the consumer's time went, per 1,000 events, from their cumulative timings
 * summed over the 50-events-per-transaction runs of bench/events.ts; and the shape of their work
 * (rounds and batches, events in each).
 */
export interface Spent {
  relay: Record<string, number>;
  consumer: Record<string, number>;
  events: number;
}

export function phaseTable(spent: Spent) {
  const perThousand = (ms: number) => Math.round((ms / spent.events) * 1000 * 10) / 10;
  const phases = [
    // `mark` carries the round's COMMIT with its last chunk; `commit` is a COMMIT alone (empty rounds).
    ...['claim', 'publish', 'acks', 'mark', 'commit'].map((k) => ({
      where: 'relay',
      phase: k,
      'ms per 1,000 events': perThousand(spent.relay[k] ?? 0),
    })),
    ...['verify', 'verifyAhead', 'begin', 'inbox', 'effect', 'commit', 'ack'].map((k) => ({
      where: 'consumer',
      phase: k,
      'ms per 1,000 events': perThousand(spent.consumer[k] ?? 0),
    })),
  ];
  const shape = {
    relayRounds: spent.relay.rounds,
    eventsPerRelayRound: Math.round(spent.events / (spent.relay.rounds || 1)),
    consumerBatches: spent.consumer.batches,
    eventsPerConsumerBatch: Math.round((spent.consumer.events ?? 0) / (spent.consumer.batches || 1)),
  };
  return { phases, shape };
}
