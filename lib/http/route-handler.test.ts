import { afterEach, describe, expect, it, vi } from "vitest";
import { routeHandler } from "./route-handler";

const context = { params: Promise.resolve({}) };
const request = () => new Request("http://localhost/api/v1/things/1", { method: "POST" });

describe("routeHandler", () => {
  afterEach(() => vi.restoreAllMocks());

  it("passes answers through untouched", async () => {
    const handler = routeHandler(() => new Response("fine", { status: 201 }));
    const response = await handler(request(), context);
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("fine");
  });

  it("answers a thrown error or a rejected promise with a logged 500 in the route's format", async () => {
    // The log line is the point; keep the expected stack traces out of the test output.
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const thrown = routeHandler(() => {
      throw new TypeError("boom");
    });
    const rejected = routeHandler(
      () => Promise.reject(new Error("later")),
      () => Response.json({ errorCode: "GENERAL" }, { status: 500 }),
    );
    const first = await thrown(request(), context);
    expect(first.status).toBe(500);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.json()).toEqual({
      error: { code: "internal", message: expect.stringContaining("nothing was changed") },
    });
    const second = await rejected(request(), context);
    expect(second.status).toBe(500);
    expect(await second.json()).toEqual({ errorCode: "GENERAL" });
    expect(logged.mock.calls.map((call) => call[0])).toEqual([
      "[http] POST /api/v1/things/1 failed",
      "[http] POST /api/v1/things/1 failed",
    ]);
  });
});
