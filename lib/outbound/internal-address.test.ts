import { describe, expect, it } from "vitest";
import { allowListed, parseAllowEntry, type AllowEntry } from "./allow-list";
import { internalKind } from "./internal-address";
import { formatIp, parseIp } from "./ip-address";

const kind = (address: string) => internalKind(parseIp(address)!);
const hostOf = (url: string) => new URL(url).hostname;

describe("internalKind", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["100.100.100.200", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["169.254.10.10", "link-local"],
    ["fe80::abcd", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["ff02::1", "multicast"],
    ["192.0.2.2", "reserved"],
    ["240.1.2.3", "reserved"],
    ["::7f00:1", "reserved"],
    // IPv6 forms that carry an IPv4 address are judged by it.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["64:ff9b::a00:5", "private"],
    ["2002:7f00:1::", "loopback"],
  ])("%s is %s", (address, expected) => {
    expect(kind(address)).toBe(expected);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])(
    "%s is public",
    (address) => {
      expect(kind(address)).toBeNull();
    },
  );

  it("URL spellings of loopback (decimal, octal, hex, mapped IPv6) all parse to it", () => {
    for (const url of [
      "http://2130706433/",
      "http://0177.0.0.1/",
      "http://0x7f.0.0.1/",
      "http://0x7f000001/",
      "http://127.1/",
      "http://[::ffff:127.0.0.1]/",
      "http://[0:0:0:0:0:ffff:7f00:1]/",
    ]) {
      expect(kind(hostOf(url)), url).toBe("loopback");
    }
  });

  it("formats addresses back the way URLs write them", () => {
    expect(formatIp(parseIp("[::FFFF:127.0.0.1]")!)).toBe("::ffff:7f00:1");
    expect(formatIp(parseIp("10.0.0.1")!)).toBe("10.0.0.1");
    expect(parseIp("example.com")).toBeNull();
  });
});

describe("allow list entries", () => {
  const entries = (...lines: string[]) => lines.map((l) => parseAllowEntry(l) as AllowEntry);
  const at = (host: string, port: number, address: string) => ({ host, port, address: parseIp(address)! });

  it("host names, addresses and ranges, each optionally with a port (ranges without)", () => {
    expect(parseAllowEntry("Receiver.Internal:8443")).toMatchObject({
      kind: "host",
      host: "receiver.internal",
      port: 8443,
    });
    expect(parseAllowEntry("10.0.0.5")).toMatchObject({ kind: "ip", port: null });
    expect(parseAllowEntry("[fd00::5]:8080")).toMatchObject({ kind: "ip", port: 8080 });
    expect(parseAllowEntry("fd00::5")).toMatchObject({ kind: "ip", port: null });
    expect(parseAllowEntry("10.0.0.0/8")).toMatchObject({ kind: "range", length: 8 });
    expect(parseAllowEntry("::ffff:10.0.0.0/104")).toMatchObject({ kind: "range", length: 8, ip: { version: 4 } });
    for (const bad of ["", "http://x", "10.0.0.0/33", "host:0", "host:70000", "a..b", "-x.internal", "[fd00::5]:x"])
      expect(typeof parseAllowEntry(bad), bad).toBe("string");
  });

  it("matches what a socket would reach: mapped IPv6 equals IPv4, ports when given, names exactly", () => {
    const list = entries("10.0.0.0/8", "127.0.0.1:3300", "receiver.internal");
    expect(allowListed(list, at("x", 443, "10.9.8.7"))).toBe(true);
    expect(allowListed(list, at("x", 443, "::ffff:10.9.8.7"))).toBe(true);
    expect(allowListed(list, at("x", 3300, "::ffff:127.0.0.1"))).toBe(true);
    expect(allowListed(list, at("x", 5432, "127.0.0.1"))).toBe(false);
    expect(allowListed(list, at("Receiver.Internal.", 80, "192.168.1.1"))).toBe(true);
    expect(allowListed(list, at("other.internal", 80, "192.168.1.1"))).toBe(false);
  });
});
