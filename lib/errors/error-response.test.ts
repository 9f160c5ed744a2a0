import { afterEach, describe, expect, it, vi } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "./domain-errors";
import { errorResponse, INTERNAL_ERROR_MESSAGE } from "./error-response";

describe("errorResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("keeps a domain error's status, code and message, and logs nothing", () => {
    const logged = vi.spyOn(console, "error");
    expect(errorResponse(new UnauthenticatedError(), "[test]")).toEqual({
      status: 401,
      code: "unauthenticated",
      message: "Sign in to continue",
    });
    expect(errorResponse(new ForbiddenError("editors only"), "[test]")).toEqual({
      status: 403,
      code: "forbidden",
      message: "editors only",
    });
    expect(errorResponse(new NotFoundError("no such release"), "[test]")).toEqual({
      status: 404,
      code: "not_found",
      message: "no such release",
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it("adds the fields of a validation error and the current state of a conflict, in that order", () => {
    const invalid = errorResponse(ValidationError.field("name", "Name is required"), "[test]");
    expect(invalid).toEqual({
      status: 400,
      code: "validation_failed",
      message: "name: Name is required",
      fieldErrors: { name: ["Name is required"] },
    });
    const conflict = errorResponse(new ConflictError("changed since", { version: 4 }), "[test]");
    expect(Object.keys(conflict)).toEqual(["status", "code", "message", "current"]);
    expect(conflict.current).toEqual({ version: 4 });
    expect(errorResponse(new ConflictError("already decided"), "[test]")).not.toHaveProperty("current");
    // null is a state too ("no policy yet"), unlike undefined.
    expect(errorResponse(new ConflictError("changed since", null), "[test]")).toHaveProperty("current", null);
  });

  it("answers anything else with a 500 that leaks nothing, logged once", () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const cause = new Error("connect ECONNREFUSED 10.0.0.1:5432 password=hunter2");
    expect(errorResponse(cause, "[action] unexpected error")).toEqual({
      status: 500,
      code: "internal",
      message: INTERNAL_ERROR_MESSAGE,
    });
    expect(logged.mock.calls).toEqual([["[action] unexpected error", cause]]);
  });
});
