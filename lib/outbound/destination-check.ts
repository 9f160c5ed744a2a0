import type { LookupAddress, LookupOptions } from "node:dns";
import dns from "node:dns";
import { allowListed, type AllowEntry } from "./allow-list";
import { internalKind, isLoopbackName, type AddressKind } from "./internal-address";
import { formatIp, parseIp, type IpBytes } from "./ip-address";

/** A destination refused because it is internal and not on the team's allow list. */
export class BlockedDestinationError extends Error {
  readonly code = "EBLOCKEDDESTINATION";
  constructor(
    readonly host: string,
    readonly kind: AddressKind,
    readonly address: string,
  ) {
    super(`${host} is ${address === host ? "" : `${address}, `}an internal address (${kind})`);
    this.name = "BlockedDestinationError";
  }
}

export type Destination = { host: string; port: number; allow: readonly AllowEntry[] };

const LOOPBACK = parseIp("127.0.0.1")!;

/** Null when a connection to `address` for `destination` may go ahead, else the refusal. */
export function refusal(destination: Destination, address: IpBytes): BlockedDestinationError | null {
  const kind = isLoopbackName(destination.host) ? "loopback" : internalKind(address);
  if (kind === null || allowListed(destination.allow, { host: destination.host, port: destination.port, address }))
    return null;
  return new BlockedDestinationError(destination.host, kind, formatIp(address));
}

export type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
export type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

const systemLookup: Lookup = (hostname, options, callback) => dns.lookup(hostname, options, callback as never);

/**
 * A `lookup` for node:net that resolves, drops every address the destination may not reach,
 * and hands the socket only what it checked: the connection goes to an address that passed,
 * so a name that resolved to something public when it was saved and to 127.0.0.1 now (DNS
 * rebinding) is refused at connect time.
 */
export function guardedLookup(destination: Destination, resolve: Lookup = systemLookup): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, []);
      const addresses = (Array.isArray(found) ? found : [{ address: found, family: 0 }]).flatMap((a) => {
        const ip = parseIp(a.address);
        return ip ? [{ entry: { address: a.address, family: ip.version }, refused: refusal(destination, ip) }] : [];
      });
      const allowed = addresses.filter((a) => a.refused === null).map((a) => a.entry);
      const first = allowed[0];
      if (!first) {
        const blocked =
          addresses[0]?.refused ?? Object.assign(new Error(`${hostname} did not resolve`), { code: "ENOTFOUND" });
        return callback(blocked, []);
      }
      if (options.all) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
}

/** The save-time check: refuses a URL whose host is, or now resolves only to, internal addresses. */
export async function checkDestination(
  url: URL,
  allow: readonly AllowEntry[],
  resolve: Lookup = systemLookup,
): Promise<BlockedDestinationError | null> {
  const destination: Destination = {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: Number(url.port) || (url.protocol === "https:" ? 443 : 80),
    allow,
  };
  const literal = parseIp(destination.host);
  if (literal) return refusal(destination, literal);
  // localhost and *.localhost are this machine even where no resolver knows them.
  if (
    isLoopbackName(destination.host) &&
    !allowListed(allow, { host: destination.host, port: destination.port, address: LOOPBACK })
  ) {
    return new BlockedDestinationError(destination.host, "loopback", destination.host);
  }
  return new Promise((done) => {
    guardedLookup(destination, resolve)(destination.host, { all: true }, (error) => {
      // A name that doesn't resolve now may later: the connect-time check decides then.
      done(error instanceof BlockedDestinationError ? error : null);
    });
  });
}
