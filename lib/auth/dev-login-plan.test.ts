import { describe, expect, it } from "vitest";
import { devLoginPlan, nextStartArgs } from "./dev-login-plan";

const OIDC = {
  AUTH_OIDC_ISSUER: "https://idp.example.test",
  AUTH_OIDC_CLIENT_ID: "glidepath",
  AUTH_OIDC_CLIENT_SECRET: "s3cret",
};
const POSTGRES = { DATABASE_URL: "postgres://glidepath@db.internal:5432/glidepath" };

describe("devLoginPlan", () => {
  it("the embedded demo (SQLite, no HOST, no OIDC): demo users, on 127.0.0.1 only, and it says so", () => {
    for (const env of [{}, { DATABASE_URL: "file:./data/glidepath.db" }, { DATABASE_URL: "file:/srv/demo.db" }]) {
      const plan = devLoginPlan(env);
      expect(plan).toMatchObject({ devLogin: true, host: "127.0.0.1", warnings: [] });
      expect(plan.notes.join(" ")).toContain("listens on 127.0.0.1 only");
    }
  });

  it("PostgreSQL or HOST set: off unless asked for, with a warning", () => {
    const setups: Record<string, string>[] = [POSTGRES, { HOST: "0.0.0.0" }, { ...POSTGRES, HOST: "10.0.0.5" }];
    for (const env of setups) {
      const plan = devLoginPlan(env);
      expect(plan.devLogin).toBe(false);
      expect(plan.host).toBe(env.HOST ?? null);
      expect(plan.warnings.join(" ")).toMatch(
        /Development sign-in is off because (HOST is set|the database is PostgreSQL)/,
      );
    }
  });

  it("GLIDEPATH_DEV_LOGIN=1 turns it on anywhere: on loopback unless HOST says otherwise, which is warned about", () => {
    expect(devLoginPlan({ ...POSTGRES, GLIDEPATH_DEV_LOGIN: "1" })).toMatchObject({
      devLogin: true,
      host: "127.0.0.1",
      warnings: [],
    });
    expect(devLoginPlan({ ...OIDC, GLIDEPATH_DEV_LOGIN: "1" })).toMatchObject({ devLogin: true, host: "127.0.0.1" });
    expect(devLoginPlan({ GLIDEPATH_DEV_LOGIN: "1", HOST: "localhost" })).toMatchObject({
      devLogin: true,
      host: "localhost",
      warnings: [],
    });
    const open = devLoginPlan({ ...POSTGRES, GLIDEPATH_DEV_LOGIN: "1", HOST: "0.0.0.0" });
    expect(open).toMatchObject({ devLogin: true, host: "0.0.0.0" });
    expect(open.warnings.join(" ")).toContain("anyone who can reach it can sign in as any user");
  });

  it("an OIDC provider or GLIDEPATH_DEV_LOGIN=0 turn it off without a warning; the listen address is left alone", () => {
    expect(devLoginPlan(OIDC)).toEqual({ devLogin: false, host: null, notes: [], warnings: [] });
    expect(devLoginPlan({ GLIDEPATH_DEV_LOGIN: "0" })).toEqual({
      devLogin: false,
      host: null,
      notes: [],
      warnings: [],
    });
    expect(devLoginPlan({ ...OIDC, HOST: "0.0.0.0" })).toEqual({
      devLogin: false,
      host: "0.0.0.0",
      notes: [],
      warnings: [],
    });
  });

  it('only "1" asks for it: another value counts as unset', () => {
    expect(devLoginPlan({ ...POSTGRES, GLIDEPATH_DEV_LOGIN: "true" }).devLogin).toBe(false);
    expect(devLoginPlan({ GLIDEPATH_DEV_LOGIN: "yes" })).toMatchObject({ devLogin: true, host: "127.0.0.1" });
  });
});

describe("nextStartArgs", () => {
  it("passes the listen address to next start only when there is one", () => {
    expect(nextStartArgs(3000, "127.0.0.1")).toEqual(["start", "-p", "3000", "-H", "127.0.0.1"]);
    expect(nextStartArgs(3000, null)).toEqual(["start", "-p", "3000"]);
  });
});
