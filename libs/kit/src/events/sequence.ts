/**
 * Detecting events the bus lost. Every event a service publishes carries `sourceseq`: gapless and
 * increasing per source service and event type (consumers filter by type, so that is the sequence
 * each of them can check). A consumer keeps, per type, the highest contiguous sequence it has seen
 * and the numbers above it; a hole that stays open past a grace period is a detected loss, repaired
 * by asking the source to replay that range from its outbox.
 */
export interface SequenceProgress {
  /** Every sequence number up to and including this one has been seen. */
  contiguous: number;
  /** Numbers seen above `contiguous + 1`, ascending; non-empty means there is a hole. */
  above: number[];
}

/** Records `seq` as seen; returns the new progress (the input is not changed). */
export function advance(progress: SequenceProgress, seq: number): SequenceProgress {
  if (!Number.isSafeInteger(seq) || seq <= progress.contiguous) return progress;
  const above = progress.above.includes(seq)
    ? progress.above
    : [...progress.above, seq].sort((a, b) => a - b);
  let contiguous = progress.contiguous;
  let i = 0;
  while (i < above.length && above[i] === contiguous + 1) {
    contiguous = above[i];
    i++;
  }
  return { contiguous, above: above.slice(i) };
}

/** The holes below the highest number seen: inclusive ranges of missing sequence numbers. */
export function gaps(progress: SequenceProgress): { from: number; to: number }[] {
  const holes: { from: number; to: number }[] = [];
  let expected = progress.contiguous + 1;
  for (const seen of progress.above) {
    if (seen > expected) holes.push({ from: expected, to: seen - 1 });
    expected = seen + 1;
  }
  return holes;
}

/**
 * The holes including the tail the source's watermark says exists: events published up to
 * `knownMax` that this consumer has not seen. A lost *last* event shows up here, since no later
 * number would ever reveal it.
 */
export function holes(
  progress: SequenceProgress,
  knownMax: number,
): { from: number; to: number; tail: boolean }[] {
  const inner = gaps(progress).map((g) => ({ ...g, tail: false }));
  const highest = Math.max(progress.contiguous, ...progress.above);
  if (knownMax > highest) inner.push({ from: highest + 1, to: knownMax, tail: true });
  return inner;
}

/** NATS subject matching for a filter such as `backoffice.hr.employee.hired` or `backoffice.>`. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
}
