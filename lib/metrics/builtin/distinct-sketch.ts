/**
 * HyperLogLog over 32-bit hashes, for "distinct users exposed".
 *
 * Written here rather than taken from npm because the evaluation hot path already has a
 * murmur3 of the targeting key, and the packages available hash strings themselves (64-bit
 * xxhash in pure JS, several times the cost of an evaluation). Stored sparse while small: most
 * per-minute, per-cohort sketches see a few hundred users, and 2 KiB per row would dominate
 * the store.
 */

const PRECISION = 11;
export const REGISTERS = 1 << PRECISION;
const RANK_BITS = 32 - PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

// 2^-rank for every possible rank: estimate() runs at every flush over every register.
const INVERSE_POWERS = Float64Array.from({ length: 34 }, (_, rank) => 2 ** -rank);

const DENSE = 0;
const SPARSE = 1;

export class DistinctSketch {
  readonly registers: Uint8Array;

  constructor(registers?: Uint8Array) {
    this.registers = registers ?? new Uint8Array(REGISTERS);
  }

  /** `hash`: an unsigned 32-bit hash of the item (murmur3 of the targeting key). */
  add(hash: number): void {
    const index = hash >>> RANK_BITS;
    const rest = (hash << PRECISION) >>> 0;
    const rank = rest === 0 ? RANK_BITS + 1 : Math.clz32(rest) + 1;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  merge(other: DistinctSketch): void {
    const mine = this.registers;
    const theirs = other.registers;
    for (let i = 0; i < REGISTERS; i++) if (theirs[i]! > mine[i]!) mine[i] = theirs[i]!;
  }

  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < REGISTERS; i++) {
      const rank = this.registers[i]!;
      sum += INVERSE_POWERS[rank]!;
      if (rank === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Linear counting is far more accurate while many registers are still empty.
    if (raw <= 2.5 * REGISTERS && zeros > 0) return REGISTERS * Math.log(REGISTERS / zeros);
    return raw;
  }

  serialize(): Uint8Array {
    let used = 0;
    for (let i = 0; i < REGISTERS; i++) if (this.registers[i] !== 0) used++;
    if (used * 3 >= REGISTERS) {
      const out = new Uint8Array(1 + REGISTERS);
      out[0] = DENSE;
      out.set(this.registers, 1);
      return out;
    }
    const out = new Uint8Array(1 + used * 3);
    out[0] = SPARSE;
    let at = 1;
    for (let i = 0; i < REGISTERS; i++) {
      const rank = this.registers[i]!;
      if (rank === 0) continue;
      out[at] = i >>> 8;
      out[at + 1] = i & 0xff;
      out[at + 2] = rank;
      at += 3;
    }
    return out;
  }

  static deserialize(bytes: Uint8Array): DistinctSketch {
    if (bytes[0] === DENSE && bytes.length === 1 + REGISTERS) return new DistinctSketch(bytes.slice(1));
    if (bytes[0] !== SPARSE || (bytes.length - 1) % 3 !== 0) throw new Error("Not a distinct-count sketch");
    const registers = new Uint8Array(REGISTERS);
    for (let at = 1; at < bytes.length; at += 3) {
      const index = (bytes[at]! << 8) | bytes[at + 1]!;
      if (index < REGISTERS) registers[index] = bytes[at + 2]!;
    }
    return new DistinctSketch(registers);
  }
}
