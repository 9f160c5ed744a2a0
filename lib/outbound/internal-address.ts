import { embeddedIpv4, inPrefix, parseIp, type IpBytes } from "./ip-address";

export type AddressKind = "loopback" | "private" | "link-local" | "metadata" | "unspecified" | "reserved" | "multicast";

type Range = { prefix: IpBytes; length: number; kind: AddressKind };

function range(cidr: string, kind: AddressKind): Range {
  const [address, length] = cidr.split("/") as [string, string];
  const prefix = parseIp(address);
  if (!prefix) throw new Error(`bad range ${cidr}`);
  return { prefix, length: Number(length), kind };
}

// Where a request from the server must not go unless an admin allows it. Cloud metadata
// endpoints are listed before the ranges that contain them, so messages can name them.
const RANGES: Range[] = [
  range("169.254.169.254/32", "metadata"),
  range("fd00:ec2::254/128", "metadata"),
  range("0.0.0.0/8", "unspecified"),
  range("10.0.0.0/8", "private"),
  range("100.64.0.0/10", "private"), // carrier-grade NAT; Alibaba's metadata is 100.100.100.200
  range("127.0.0.0/8", "loopback"),
  range("169.254.0.0/16", "link-local"),
  range("172.16.0.0/12", "private"),
  range("192.0.0.0/24", "reserved"),
  range("192.0.2.0/24", "reserved"),
  range("192.88.99.0/24", "reserved"),
  range("192.168.0.0/16", "private"),
  range("198.18.0.0/15", "reserved"),
  range("198.51.100.0/24", "reserved"),
  range("203.0.113.0/24", "reserved"),
  range("224.0.0.0/4", "multicast"),
  range("240.0.0.0/4", "reserved"),
  range("::/128", "unspecified"),
  range("::1/128", "loopback"),
  range("::/96", "reserved"), // IPv4-compatible (deprecated)
  range("100::/64", "reserved"),
  range("64:ff9b:1::/48", "private"),
  range("2001::/32", "reserved"), // Teredo
  range("2001:db8::/32", "reserved"),
  range("fc00::/7", "private"),
  range("fe80::/10", "link-local"),
  range("fec0::/10", "private"),
  range("ff00::/8", "multicast"),
];

/**
 * What kind of internal address `ip` is, or null for an address on the public internet. An
 * IPv6 address that carries an IPv4 one (mapped, NAT64, 6to4) is judged by the IPv4 address.
 */
export function internalKind(ip: IpBytes): AddressKind | null {
  const carried = embeddedIpv4(ip);
  if (carried) return internalKind(carried);
  return RANGES.find((r) => inPrefix(ip, r.prefix, r.length))?.kind ?? null;
}

/** Host names that always mean this machine, whatever a resolver says. */
export function isLoopbackName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}
