import net from "node:net";
import { inPrefix, parseIp, sameAddress, unmapped, type IpBytes } from "./ip-address";

/**
 * One line of a team's list of internal destinations webhooks may reach: a host name, an IP
 * address (either with an optional port) or a CIDR range.
 */
export type AllowEntry =
  | { kind: "host"; text: string; host: string; port: number | null }
  | { kind: "ip"; text: string; ip: IpBytes; port: number | null }
  | { kind: "range"; text: string; ip: IpBytes; length: number };

export const MAX_ALLOW_ENTRIES = 50;

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function parsePort(text: string): number | null | "bad" {
  if (!/^\d{1,5}$/.test(text)) return "bad";
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : "bad";
}

/** An entry, or why the line is not one. */
export function parseAllowEntry(line: string): AllowEntry | string {
  const text = line.trim().toLowerCase();
  if (!text) return "Empty entry";
  if (text.includes("/")) {
    const [address = "", length = ""] = text.split("/");
    const ip = parseIp(address);
    const bits = ip?.version === 4 ? 32 : 128;
    if (!ip || !/^\d{1,3}$/.test(length) || Number(length) > bits)
      return `"${line.trim()}" is not a CIDR range like 10.0.0.0/8 or fd00::/8`;
    // ::ffff:10.0.0.0/104 is 10.0.0.0/8: compared as the IPv4 addresses sockets reach.
    const plain = unmapped(ip);
    return { kind: "range", text, ip: plain, length: plain === ip ? Number(length) : Math.max(0, Number(length) - 96) };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed || net.isIPv6(text)) {
    const ip = parseIp(bracketed ? bracketed[1]! : text);
    const port = bracketed?.[2] ? parsePort(bracketed[2]) : null;
    if (!ip || port === "bad") return `"${line.trim()}" is not an IPv6 address like [fd00::1] or [fd00::1]:8080`;
    return { kind: "ip", text, ip, port };
  }
  const [host = "", portText, extra] = text.split(":");
  const port = portText === undefined ? null : parsePort(portText);
  if (extra !== undefined || port === "bad") return `"${line.trim()}" has a bad port (1–65535)`;
  const ip = parseIp(host);
  if (ip) return { kind: "ip", text, ip, port };
  if (!HOST_NAME.test(host)) return `"${line.trim()}" is not a host name, an IP address or a CIDR range`;
  return { kind: "host", text, host, port };
}

/** Whether a request to `host`:`port`, connecting to `address`, is on the list. */
export function allowListed(
  entries: readonly AllowEntry[],
  destination: { host: string; port: number; address: IpBytes },
): boolean {
  const host = destination.host
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  return entries.some((entry) => {
    if (entry.kind === "range") return inPrefix(unmapped(destination.address), entry.ip, entry.length);
    if (entry.port !== null && entry.port !== destination.port) return false;
    if (entry.kind === "host") return entry.host === host;
    return sameAddress(entry.ip, destination.address);
  });
}
