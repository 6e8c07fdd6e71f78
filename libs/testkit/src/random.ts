/**
 * A deterministic generator for property tests (the classic LCG of C's rand), so that a failing history
 * can be replayed from its seed: `random()` in [0, 1), `pick` one of a list.
 */
export function seededRandom(seed: number): { random(): number; pick<T>(xs: readonly T[]): T } {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { random, pick: (xs) => xs[Math.floor(random() * xs.length)] };
}
