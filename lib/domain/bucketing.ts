import { murmur3 } from "./murmur3";

export const BUCKETS = 10_000;

/**
 * Stable bucket in [0, BUCKETS) for a user within one release. The salt is per release so
 * that the same user doesn't land in the early-exposure slice of every release at once.
 */
export function bucketOf(salt: string, targetingKey: string): number {
  return murmur3(`${salt}:${targetingKey}`, 0) % BUCKETS;
}

/**
 * Strict `<` makes ramps monotonic: raising basis points only ever adds buckets, so nobody
 * exposed at 5% loses the treatment at 25%.
 */
export function isExposed(bucket: number, basisPoints: number): boolean {
  return bucket < basisPoints;
}
