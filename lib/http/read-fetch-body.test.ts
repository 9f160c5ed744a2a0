import { describe, expect, it } from "vitest";
import { readFetchBody } from "./read-fetch-body";

/** A request whose body is produced on demand, counting what the reader pulled. */
function streamingRequest(totalBytes: number, headers: Record<string, string> = {}, failAfter?: number) {
  const pulled = { bytes: 0, cancelled: false };
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (failAfter !== undefined && pulled.bytes >= failAfter)
          return controller.error(new Error("client went away"));
        if (pulled.bytes >= totalBytes) return controller.close();
        const size = Math.min(chunk.length, totalBytes - pulled.bytes);
        pulled.bytes += size;
        controller.enqueue(chunk.subarray(0, size));
      },
      cancel() {
        pulled.cancelled = true;
      },
      // No prefetch: only what the reader asks for is produced.
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, pulled };
}

describe("readFetchBody", () => {
  it("reads a body under the cap as UTF-8 text", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: JSON.stringify({ name: "Grüße" }) });
    expect(await readFetchBody(request, 1024)).toEqual({ ok: true, text: '{"name":"Grüße"}' });
    expect(await readFetchBody(new Request("http://localhost/x", { method: "POST" }), 1024)).toEqual({
      ok: true,
      text: "",
    });
  });

  it("refuses a declared Content-Length over the cap without reading a byte", async () => {
    const { request, pulled } = streamingRequest(10_000_000, { "content-length": "10000000" });
    expect(await readFetchBody(request, 64 * 1024)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled.bytes).toBe(0);
  });

  it("cuts a chunked body off at the cap and cancels the stream, however long it would go on", async () => {
    const { request, pulled } = streamingRequest(150_000_000);
    expect(await readFetchBody(request, 64 * 1024)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 2 * 16 * 1024);
    expect(pulled.cancelled).toBe(true);
  });

  it("a body exactly at the cap is read", async () => {
    const { request } = streamingRequest(64 * 1024);
    const result = await readFetchBody(request, 64 * 1024);
    expect(result.ok && result.text.length).toBe(64 * 1024);
  });

  it("a client that goes away mid-body is 'aborted', not an exception", async () => {
    const { request } = streamingRequest(1_000_000, {}, 32 * 1024);
    expect(await readFetchBody(request, 64 * 1024 * 1024)).toEqual({ ok: false, reason: "aborted" });
  });
});
