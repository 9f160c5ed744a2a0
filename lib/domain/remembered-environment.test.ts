import { describe, expect, it } from "vitest";
import {
  environmentCookie,
  environmentCookieString,
  rememberedEnvironmentKey,
  teamOfPath,
} from "./remembered-environment";

describe("remembered environment", () => {
  it("is scoped to the team of the page", () => {
    expect(teamOfPath("/teams/acme/releases/new-checkout")).toBe("acme");
    expect(teamOfPath("/teams/acme?env=staging")).toBe("acme");
    expect(teamOfPath("/signin")).toBeNull();
    expect(environmentCookie("/teams/acme/releases", "staging")).toMatchObject({
      value: "staging",
      path: "/teams/acme",
    });
    expect(environmentCookieString("/teams/acme", "staging")).toBe(
      "glidepath-env=staging; Path=/teams/acme; Max-Age=31536000; SameSite=Lax",
    );
  });

  it("remembers nothing that is not a key", () => {
    expect(environmentCookie("/teams/acme", "staging; Path=/")).toBeNull();
    expect(environmentCookie("/elsewhere", "staging")).toBeNull();
    expect(rememberedEnvironmentKey("")).toBeNull();
    expect(rememberedEnvironmentKey("a b")).toBeNull();
    expect(rememberedEnvironmentKey("production")).toBe("production");
  });
});
