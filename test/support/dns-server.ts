/**
 * A real DNS server on 127.0.0.1 (UDP, random port) whose A answers the test sets as it goes,
 * and a resolver pointed at it: a name that resolves to one address now and another later, as
 * a DNS-rebinding attacker's would.
 */
import dgram from "node:dgram";
import dns from "node:dns";
import type { AddressInfo } from "node:net";
import type { Lookup } from "@/lib/outbound/destination-check";

function questionEnd(message: Buffer): number {
  let offset = 12;
  while (message[offset] !== 0) offset += 1 + message[offset]!;
  return offset + 5; // the zero label, QTYPE, QCLASS
}

function questionName(message: Buffer): string {
  const labels: string[] = [];
  for (let offset = 12; message[offset] !== 0; offset += 1 + message[offset]!) {
    labels.push(message.subarray(offset + 1, offset + 1 + message[offset]!).toString("ascii"));
  }
  return labels.join(".").toLowerCase();
}

export async function startDnsServer() {
  const records = new Map<string, string[]>();
  const queries: string[] = [];
  const socket = dgram.createSocket("udp4");
  socket.on("message", (message, peer) => {
    const end = questionEnd(message);
    const type = message.readUInt16BE(end - 4);
    const name = questionName(message);
    queries.push(name);
    const addresses = type === 1 ? (records.get(name) ?? []) : [];
    const header = Buffer.alloc(12);
    message.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | (records.has(name) ? 0 : 3), 2); // response, recursion available; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const answers = addresses.map((address) => {
      const answer = Buffer.alloc(16);
      answer.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      answer.writeUInt16BE(1, 2); // A
      answer.writeUInt16BE(1, 4); // IN
      answer.writeUInt32BE(0, 6); // TTL 0: ask again every time
      answer.writeUInt16BE(4, 10);
      address.split(".").forEach((part, i) => answer.writeUInt8(Number(part), 12 + i));
      return answer;
    });
    socket.send(Buffer.concat([header, message.subarray(12, end), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const server = `127.0.0.1:${(socket.address() as AddressInfo).port}`;

  const resolver = new dns.Resolver({ timeout: 2_000, tries: 1 });
  resolver.setServers([server]);
  /** A `lookup` that asks this server only (IPv4). */
  const lookup: Lookup = (hostname, _options, callback) => {
    resolver.resolve4(hostname, (error, addresses) => {
      if (error) callback(error, []);
      else
        callback(
          null,
          addresses.map((address) => ({ address, family: 4 })),
        );
    });
  };

  return {
    lookup,
    queries,
    /** What `name` resolves to from now on. */
    answer(name: string, addresses: string[]) {
      records.set(name.toLowerCase(), addresses);
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
