/** A seeded source of pseudo-random numbers: the same seed gives the same
 * sequence on every machine, so a demo data set can be rebuilt exactly. */
export type Random = {
  /** Uniform in [0, 1). */
  next: () => number;
  /** Uniform integer in [min, max], both ends included. */
  int: (min: number, max: number) => number;
  /** Uniform in [min, max). */
  between: (min: number, max: number) => number;
  chance: (probability: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  pickWeighted: <T>(items: readonly (readonly [T, number])[]) => T;
  /** Log-normal with the given median; `spread` is the sigma of its log. */
  logNormal: (median: number, spread: number) => number;
};

export function createRandom(seed: number): Random {
  const next = createMulberry32(seed);

  function int(min: number, max: number) {
    return min + Math.floor(next() * (max - min + 1));
  }

  function pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");

    return item;
  }

  function pickWeighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let left = next() * total;
    for (const [item, weight] of items) {
      left -= weight;
      if (left < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error("pick from an empty list");

    return last[0];
  }

  function logNormal(median: number, spread: number) {
    // Box-Muller; 1 - next() keeps the logarithm finite.
    const normal =
      Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

    return median * Math.exp(spread * normal);
  }

  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick,
    pickWeighted,
    logNormal,
  };
}

// Mulberry32: tiny, fast and good enough for test data (not for secrets).
function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
