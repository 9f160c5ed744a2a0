/**
 * MurmurHash3 x86_32 over the UTF-8 bytes of a string.
 *
 * Bucketing must agree byte-for-byte with SDKs in other languages, which hash UTF-8, so
 * non-ASCII input is encoded rather than hashed as UTF-16 code units.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

// Reused across calls so the non-ASCII path doesn't allocate per evaluation. Safe because
// JS is single-threaded and hashBytes never re-enters.
let scratch = new Uint8Array(256);

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalize(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashBytes(bytes: Uint8Array, length: number, seed: number): number {
  let h = seed | 0;
  const blockEnd = length & ~3;
  let i = 0;
  for (; i < blockEnd; i += 4) {
    h = mixH(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  let k = 0;
  switch (length & 3) {
    case 3:
      k ^= bytes[i + 2]! << 16;
    // falls through
    case 2:
      k ^= bytes[i + 1]! << 8;
    // falls through
    case 1:
      k ^= bytes[i]!;
      h ^= mixK(k);
  }
  return finalize(h, length);
}

/**
 * Encodes like TextEncoder (lone surrogates become U+FFFD) into the scratch buffer and
 * returns the byte length.
 */
function encodeUtf8(key: string): number {
  const needed = key.length * 3;
  if (scratch.length < needed) scratch = new Uint8Array(Math.max(needed, scratch.length * 2));
  const out = scratch;
  let n = 0;
  for (let i = 0; i < key.length; i++) {
    let c = key.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < key.length ? key.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 0x3f);
          out[n++] = 0x80 | ((c >> 6) & 0x3f);
          out[n++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}

function hashUtf8(key: string, seed: number): number {
  const length = encodeUtf8(key);
  return hashBytes(scratch, length, seed);
}

export function murmur3(key: string, seed = 0): number {
  // ASCII fast path: char codes are the UTF-8 bytes, so hash straight off the string and
  // only fall back to encoding if a non-ASCII char shows up.
  const length = key.length;
  let h = seed | 0;
  const blockEnd = length & ~3;
  let i = 0;
  for (; i < blockEnd; i += 4) {
    const c0 = key.charCodeAt(i);
    const c1 = key.charCodeAt(i + 1);
    const c2 = key.charCodeAt(i + 2);
    const c3 = key.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 0x80) return hashUtf8(key, seed);
    h = mixH(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
  }
  const rem = length & 3;
  if (rem > 0) {
    const t0 = key.charCodeAt(i);
    const t1 = rem > 1 ? key.charCodeAt(i + 1) : 0;
    const t2 = rem > 2 ? key.charCodeAt(i + 2) : 0;
    if ((t0 | t1 | t2) >= 0x80) return hashUtf8(key, seed);
    h ^= mixK(t0 | (t1 << 8) | (t2 << 16));
  }
  return finalize(h, length);
}
