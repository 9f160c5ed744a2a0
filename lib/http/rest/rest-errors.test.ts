import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/errors/domain-errors";
import { parseBearerKey } from "./bearer-key";
import { errorReply, InvalidJsonError, MissingCredentialsError } from "./rest-errors";

describe("parseBearerKey", () => {
  it("takes the token of a bearer header, whatever the scheme's case", () => {
    expect(parseBearerKey("Bearer gp_admin_abc")).toEqual({ ok: true, key: "gp_admin_abc" });
    expect(parseBearerKey("bearer   gp_admin_abc  ")).toEqual({ ok: true, key: "gp_admin_abc" });
  });

  it("tells a missing header from a malformed one", () => {
    expect(parseBearerKey(null)).toMatchObject({ ok: false, missing: true });
    expect(parseBearerKey("   ")).toMatchObject({ ok: false, missing: true });
    expect(parseBearerKey("Basic dXNlcjpwYXNz")).toMatchObject({ ok: false, missing: false });
    expect(parseBearerKey("Bearer")).toMatchObject({ ok: false, missing: false });
    expect(parseBearerKey("Bearer two tokens")).toMatchObject({ ok: false, missing: false });
  });
});

describe("errorReply", () => {
  afterEach(() => vi.restoreAllMocks());

  it("keeps each domain error's status and code; field errors only on 400; logs nothing", () => {
    const logged = vi.spyOn(console, "error");
    expect(errorReply(new ValidationError({ default: ["Percentage must be between 0 and 100"] }))).toEqual({
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "default: Percentage must be between 0 and 100",
          fieldErrors: { default: ["Percentage must be between 0 and 100"] },
        },
      },
      headers: {},
    });
    expect(errorReply(new InvalidJsonError("The request body is not valid JSON"))).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json" } },
    });
    expect(errorReply(new ForbiddenError("viewer key"))).toEqual({
      status: 403,
      body: { error: { code: "forbidden", message: "viewer key" } },
      headers: {},
    });
    expect(errorReply(new NotFoundError('Release "x" not found'))).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it("a conflict carries what the rollout is now", () => {
    const current = {
      release: "r",
      environment: "production",
      status: "rolling",
      version: 4,
      percentages: { default: 0, cohorts: {} },
      updatedAt: "2026-01-01T00:00:00.000Z",
      updatedBy: "Erin",
    };
    expect(errorReply(new ConflictError("changed since", current))).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: "changed since", current } },
      headers: {},
    });
    expect(errorReply(new ConflictError("already decided")).body.error).not.toHaveProperty("current");
  });

  it("401 always challenges; invalid_token only when a key was sent", () => {
    expect(errorReply(new MissingCredentialsError("No API key")).headers).toEqual({
      "WWW-Authenticate": 'Bearer realm="glidepath"',
    });
    expect(errorReply(new UnauthenticatedError("unknown or revoked")).headers).toEqual({
      "WWW-Authenticate": 'Bearer realm="glidepath", error="invalid_token"',
    });
  });

  it("anything unexpected is a 500 that leaks nothing, and is logged once", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const cause = new Error("connect ECONNREFUSED 10.0.0.1:5432 password=hunter2");
    const reply = errorReply(cause, "GET /api/v1/releases");
    expect(reply.status).toBe(500);
    expect(reply.body.error.code).toBe("internal");
    expect(JSON.stringify(reply.body)).not.toContain("hunter2");
    expect(logged.mock.calls).toEqual([["[rest] GET /api/v1/releases failed", cause]]);
  });
});
