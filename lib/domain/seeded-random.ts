/** Deterministic PRNG (mulberry32) so statistical tests are reproducible. Test-only helper. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

export function randomKeys(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const keys = new Set<string>();
  while (keys.size < count) {
    let key = "user-";
    for (let i = 0; i < 12; i++) key += ALPHABET[Math.floor(random() * ALPHABET.length)];
    keys.add(key);
  }
  return [...keys];
}
