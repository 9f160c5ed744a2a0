import { describe, expect, it } from "vitest";
import { devLoginEnabled, oidcConfig } from "./auth-config";

const OIDC = {
  AUTH_OIDC_ISSUER: "http://127.0.0.1:9999/",
  AUTH_OIDC_CLIENT_ID: "glidepath",
  AUTH_OIDC_CLIENT_SECRET: "s3cret",
};

describe("oidcConfig", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    expect(oidcConfig({ NODE_ENV: "production" })).toBeNull();
    expect(oidcConfig({ NODE_ENV: "production", ...OIDC, AUTH_OIDC_CLIENT_SECRET: " " })).toBeNull();
    expect(oidcConfig({ NODE_ENV: "production", ...OIDC })).toEqual({
      issuer: "http://127.0.0.1:9999",
      clientId: "glidepath",
      clientSecret: "s3cret",
      name: "Single sign-on",
    });
  });
});

describe("devLoginEnabled", () => {
  it("is refused in production unless GLIDEPATH_DEV_LOGIN=1", () => {
    expect(devLoginEnabled({ NODE_ENV: "production" })).toBe(false);
    expect(devLoginEnabled({ NODE_ENV: "production", GLIDEPATH_DEV_LOGIN: "true" })).toBe(false);
    expect(devLoginEnabled({ NODE_ENV: "production", GLIDEPATH_DEV_LOGIN: "1" })).toBe(true);
  });

  it("is on in development, unless a real identity provider is configured", () => {
    expect(devLoginEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(devLoginEnabled({ NODE_ENV: "development", ...OIDC })).toBe(false);
    expect(devLoginEnabled({ NODE_ENV: "development", ...OIDC, GLIDEPATH_DEV_LOGIN: "1" })).toBe(true);
    expect(devLoginEnabled({ NODE_ENV: "development", GLIDEPATH_DEV_LOGIN: "0" })).toBe(false);
  });
});
