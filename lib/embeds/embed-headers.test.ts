import { describe, expect, it } from "vitest";
import { embedNoticeHeaders, embedPageHeaders, frameAncestors } from "./embed-headers";
import { allowedOriginsSchema, parseOrigin } from "./embed-origins";

describe("frame-ancestors", () => {
  it("lists exactly the link's origins, once each", () => {
    expect(frameAncestors(["https://wiki.example.com", "http://localhost:8080", "https://wiki.example.com"])).toBe(
      "frame-ancestors https://wiki.example.com http://localhost:8080",
    );
  });

  it("forbids framing when there are none", () => {
    expect(frameAncestors([])).toBe("frame-ancestors 'none'");
  });

  it("the page's policy: only its own nonce'd script, no plugins, no forms, the frame rule last", () => {
    const csp = embedPageHeaders(["https://status.example.org"], "abc123")["Content-Security-Policy"]!;
    expect(csp.split("; ")).toEqual([
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      "script-src 'nonce-abc123'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors https://status.example.org",
    ]);
    expect(embedPageHeaders([], "n")["Cache-Control"]).toBe("no-store");
  });

  it("notices (revoked, unknown) carry no script at all", () => {
    expect(embedNoticeHeaders()["Content-Security-Policy"]).not.toContain("script-src");
  });
});

describe("allowed origins", () => {
  it("keeps scheme, host and port only", () => {
    expect(parseOrigin(" https://Wiki.Example.com/ ")).toEqual({ ok: true, origin: "https://wiki.example.com" });
    expect(parseOrigin("http://127.0.0.1:4000")).toEqual({ ok: true, origin: "http://127.0.0.1:4000" });
    expect(parseOrigin("https://example.com:443")).toEqual({ ok: true, origin: "https://example.com" });
  });

  it("refuses anything that could widen or break the header", () => {
    for (const bad of [
      "*",
      "https://*.example.com",
      "'self'",
      "https://a.example.com/page",
      "https://a.example.com?x=1",
      "javascript:alert(1)",
      "ftp://a.example.com",
      "https://a.example.com https://b.example.com",
      "https://user:pw@a.example.com",
      "data:",
    ]) {
      expect(parseOrigin(bad).ok, bad).toBe(false);
    }
  });

  it("as a field: blank lines dropped, duplicates merged, at least one, at most ten", () => {
    expect(allowedOriginsSchema.parse(["https://a.example.com", "", "https://a.example.com/"])).toEqual([
      "https://a.example.com",
    ]);
    expect(allowedOriginsSchema.safeParse([""]).success).toBe(false);
    expect(
      allowedOriginsSchema.safeParse(Array.from({ length: 11 }, (_, i) => `https://h${i}.example.com`)).success,
    ).toBe(false);
    const bad = allowedOriginsSchema.safeParse(["https://ok.example.com", "https://no.example.com/path"]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain("must be an origin only");
  });
});
