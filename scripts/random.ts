// Seeded randomness for made-up data (the demo, the benchmark, dashboard tests): the same seed
// gives the same data on every run.

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One value by weight (weights summing to about 1; any shortfall goes to the last). */
export function pickWeighted<T>(random: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  let x = random();
  for (const [value, w] of weighted) {
    if ((x -= w) < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** One item, each as likely as the others. */
export function pickFrom<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
