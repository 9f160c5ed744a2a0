import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { rawRequest, upload } from "@/test/support/hostile-client";
import { guardNodeListener } from "./guard-node-listener";

let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

async function serve(listener: Parameters<typeof guardNodeListener>[0], logged: unknown[]) {
  server = http.createServer(
    guardNodeListener(listener, '{"error":"internal"}', (_message, error) => logged.push(error)),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it("a throw, a rejection or a failure after the headers never ends the process; the next request is served", async () => {
  const logged: unknown[] = [];
  const base = await serve((req, res) => {
    if (req.url === "/throw") throw new TypeError("sync");
    if (req.url === "/reject") return Promise.reject(new Error("async"));
    if (req.url === "/late") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial");
      return Promise.reject(new Error("after headers"));
    }
    res.end("ok");
  }, logged);
  expect(await rawRequest(base, "GET", "/throw")).toMatchObject({ status: 500, body: '{"error":"internal"}' });
  expect(await rawRequest(base, "GET", "/reject")).toMatchObject({ status: 500, body: '{"error":"internal"}' });
  // Headers already went out: the connection is cut, so the client sees a broken answer, not a 200.
  await expect(rawRequest(base, "GET", "/late")).rejects.toThrow();
  expect(await rawRequest(base, "GET", "/fine")).toMatchObject({ status: 200, body: "ok" });
  expect(logged.map((e) => (e as Error).message)).toEqual(["sync", "async", "after headers"]);
});

it("answers first, then drains at most 8 MiB of a body it did not read, then closes", async () => {
  const base = await serve((_req, res) => {
    res.writeHead(401, { "content-length": "0" });
    res.end();
  }, []);
  // 150 MB offered: the answer arrives and the server stops reading long before the end.
  const answer = await upload(`${base}/`, { totalBytes: 150_000_000 });
  expect(answer.status).toBe(401);
  expect(answer.sentBeforeAnswer).toBeLessThan(32 * 1024 * 1024);
  expect(await rawRequest(base, "GET", "/")).toMatchObject({ status: 401 });
});
