import net from "node:net";

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = { version: 4 | 6; bytes: number[] };

function ipv4Bytes(text: string): number[] {
  return text.split(".").map(Number);
}

function ipv6Bytes(text: string): number[] {
  // A dotted IPv4 tail (::ffff:127.0.0.1) is two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let body = text;
  if (dotted) {
    const [a, b, c, d] = ipv4Bytes(dotted[1]!);
    body = `${text.slice(0, dotted.index)}${(((a! << 8) | b!) >>> 0).toString(16)}:${(((c! << 8) | d!) >>> 0).toString(16)}`;
  }
  const [head, tail] = body.split("::") as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/**
 * Parses an address as URLs and resolvers write it: dotted IPv4, or IPv6 with or without
 * brackets and zone. (The WHATWG URL parser already turns decimal, octal and hex IPv4 forms
 * such as http://2130706433/ into dotted form.) Null when it is not an IP address.
 */
export function parseIp(text: string): IpBytes | null {
  const bare = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (net.isIPv4(bare)) return { version: 4, bytes: ipv4Bytes(bare) };
  if (net.isIPv6(bare)) return { version: 6, bytes: ipv6Bytes(bare.toLowerCase()) };
  return null;
}

export function formatIp(ip: IpBytes): string {
  if (ip.version === 4) return ip.bytes.join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((ip.bytes[2 * i]! << 8) | ip.bytes[2 * i + 1]!).toString(16));
  return new URL(`http://[${groups.join(":")}]/`).hostname.slice(1, -1);
}

/** Whether `ip` lies in `prefix`/`length` (same version only). */
export function inPrefix(ip: IpBytes, prefix: IpBytes, length: number): boolean {
  if (ip.version !== prefix.version) return false;
  for (let bit = 0; bit < length; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((ip.bytes[byte]! & mask) !== (prefix.bytes[byte]! & mask)) return false;
  }
  return true;
}

/**
 * The IPv4 address an IPv6 address carries and that a connection to it may reach:
 * IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). Null for any
 * other IPv6 address.
 */
export function embeddedIpv4(ip: IpBytes): IpBytes | null {
  if (ip.version !== 6) return null;
  const b = ip.bytes;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return { version: 4, bytes: b.slice(12, 16) };
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12))
    return { version: 4, bytes: b.slice(12, 16) };
  if (b[0] === 0x20 && b[1] === 0x02) return { version: 4, bytes: b.slice(2, 6) };
  return null;
}

/** The address a socket reaches: an IPv4-mapped IPv6 address as IPv4, anything else as is. */
export function unmapped(ip: IpBytes): IpBytes {
  return ip.version === 6 && ip.bytes.slice(0, 12).join() === "0,0,0,0,0,0,0,0,0,0,255,255"
    ? { version: 4, bytes: ip.bytes.slice(12) }
    : ip;
}

/** Compares what a socket would reach: ::ffff:127.0.0.1 equals 127.0.0.1. */
export function sameAddress(a: IpBytes, b: IpBytes): boolean {
  const x = unmapped(a);
  const y = unmapped(b);
  return x.version === y.version && x.bytes.every((byte, i) => byte === y.bytes[i]);
}
