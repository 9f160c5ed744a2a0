import { describe, expect, it } from "vitest";
import { dashboardCsp, newNonce } from "./dashboard-csp";

describe("dashboardCsp", () => {
  it("scripts only with the request's nonce (no 'unsafe-inline', no eval), never framed", () => {
    const directives = dashboardCsp("n0nce").split("; ");
    const script = directives.find((d) => d.startsWith("script-src "));
    expect(script).toBe("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(directives).toContain("frame-ancestors 'none'");
    expect(directives).toContain("object-src 'none'");
    expect(directives).toContain("base-uri 'none'");
  });

  it("allows eval only for the development server", () => {
    expect(dashboardCsp("n", { development: true })).toContain("'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(dashboardCsp("n")).not.toContain("unsafe-eval");
  });
});

describe("newNonce", () => {
  it("is 128 bits of base64 and differs every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
