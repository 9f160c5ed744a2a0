import murmurhash from "murmurhash";
import { describe, expect, it } from "vitest";
import { murmur3 } from "./murmur3";
import { seededRandom } from "./seeded-random";

/** Textbook byte-at-a-time MurmurHash3 x86_32, written independently of the optimized one. */
function referenceMurmur3(bytes: Uint8Array, seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const nblocks = Math.floor(bytes.length / 4);
  for (let b = 0; b < nblocks; b++) {
    let k = 0;
    for (let j = 3; j >= 0; j--) k = ((k << 8) | bytes[b * 4 + j]!) >>> 0;
    k = Math.imul(k, c1) >>> 0;
    k = ((k << 15) | (k >>> 17)) >>> 0;
    k = Math.imul(k, c2) >>> 0;
    h = (h ^ k) >>> 0;
    h = ((h << 13) | (h >>> 19)) >>> 0;
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  const tail = nblocks * 4;
  let k = 0;
  for (let j = bytes.length - 1; j >= tail; j--) k = ((k << 8) | bytes[j]!) >>> 0;
  if (bytes.length > tail) {
    k = Math.imul(k, c1) >>> 0;
    k = ((k << 15) | (k >>> 17)) >>> 0;
    k = Math.imul(k, c2) >>> 0;
    h = (h ^ k) >>> 0;
  }
  h = (h ^ bytes.length) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

describe("murmur3", () => {
  // Published MurmurHash3_x86_32 vectors; each is also checked against two oracles below.
  const vectors: Array<[string, number, number]> = [
    ["", 0, 0],
    ["", 1, 0x514e28b7],
    ["", 0xffffffff, 0x81f16f39],
    ["hello", 0, 0x248bfa47],
    ["abc", 0, 0xb3dd93fa],
    ["Hello, world!", 1234, 0xfaf6cdb3],
    ["The quick brown fox jumps over the lazy dog", 0, 0x2e4ff723],
  ];

  it.each(vectors)("hashes %j with seed %i to the known vector", (key, seed, expected) => {
    expect(murmur3(key, seed)).toBe(expected);
    expect(referenceMurmur3(utf8(key), seed)).toBe(expected);
    expect(murmurhash.v3(utf8(key), seed)).toBe(expected);
  });

  it("defaults the seed to 0", () => {
    expect(murmur3("hello")).toBe(613153351);
  });

  it("returns unsigned 32-bit integers", () => {
    for (const key of ["a", "ab", "abc", "abcd", "abcde", "x".repeat(100)]) {
      const h = murmur3(key);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThanOrEqual(0xffffffff);
    }
  });

  it.each([
    "é",
    "café",
    "日本",
    "user-日本-42",
    "😀",
    "a😀b",
    "emoji 👩‍👩‍👧 family",
    "abcé", // non-ASCII only in the tail
    "abcdé", // non-ASCII after a full ASCII block
    "ß".repeat(300), // larger than the initial scratch buffer
  ])("hashes non-ASCII %j as its UTF-8 bytes", (key) => {
    const bytes = utf8(key);
    expect(murmur3(key)).toBe(referenceMurmur3(bytes, 0));
    expect(murmur3(key, 42)).toBe(murmurhash.v3(bytes, 42));
  });

  it("encodes lone surrogates as U+FFFD, like TextEncoder and Buffer", () => {
    for (const key of ["\ud800", "a\udc00b", "x\ud83dy", "\ud83d"]) {
      expect(murmur3(key)).toBe(referenceMurmur3(utf8(key), 0));
    }
  });

  it("matches the byte-array reference on 10,000 random strings", () => {
    const random = seededRandom(20240601);
    const pools = [
      () => 0x20 + Math.floor(random() * 0x5f), // printable ASCII
      () => Math.floor(random() * 0x80), // any ASCII incl. control chars
      () => 0x80 + Math.floor(random() * 0x780), // 2-byte UTF-8
      () => 0x800 + Math.floor(random() * 0xf7ff), // 3-byte, incl. lone surrogates
    ];
    for (let n = 0; n < 10_000; n++) {
      const length = Math.floor(random() * 40);
      const asciiOnly = random() < 0.5;
      let key = "";
      for (let i = 0; i < length; i++) {
        if (!asciiOnly && random() < 0.1) {
          key += String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff)); // astral
        } else {
          const pool = pools[asciiOnly ? Math.floor(random() * 2) : Math.floor(random() * 4)]!;
          key += String.fromCharCode(pool());
        }
      }
      const seed = Math.floor(random() * 0x100000000);
      expect(murmur3(key, seed)).toBe(referenceMurmur3(utf8(key), seed));
    }
  });
});
