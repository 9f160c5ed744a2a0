import http from "node:http";
import { CORS_HEADERS, handleOfrep, MAX_BODY_BYTES, type OfrepResponse } from "./ofrep-handler";
import { subscribeToChanges } from "./change-stream";
import type { EvaluationStore } from "./evaluation-store";
import type { RateLimiter } from "./rate-limiter";
import type { ExposureCounter } from "@/lib/metrics/builtin/exposure-counter";
import { handleMetricIngest, type IngestDeps } from "@/lib/metrics/ingest/ingest-handler";
import { MAX_INGEST_BYTES } from "@/lib/metrics/ingest/observation-schema";

/** Exposure counting and metric ingest, when this server should do them too. */
export type OfrepServerMetrics = { exposures: ExposureCounter; ingest: Omit<IngestDeps, "store"> };

const SINGLE = /^\/ofrep\/v1\/evaluate\/flags\/([^/?]+)\/?(?:\?.*)?$/;
const BULK = /^\/ofrep\/v1\/evaluate\/flags\/?(?:\?.*)?$/;
const METRICS = /^\/api\/v1\/metrics\/?(?:\?.*)?$/;
const EVENTS = /^\/ofrep\/v1\/events\?(?:.*&)?key=([0-9a-f]{64})(?:&.*)?$/;

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * A dedicated lightweight HTTP entry for OFREP on `node:http`: the same handler as the
 * dashboard's route handlers, without the framework in the way.
 */
export function createOfrepServer(store: EvaluationStore, limiter: RateLimiter | null, metrics: OfrepServerMetrics | null = null): http.Server {
  return http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (metrics && req.method === "POST" && METRICS.test(url)) {
      serveIngest({ store, ...metrics.ingest }, req, res);
      return;
    }
    const single = SINGLE.exec(url);
    if (url === "/healthz") {
      res.writeHead(store.stale ? 503 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: !store.stale, lastError: store.lastError }));
      return;
    }
    const events = EVENTS.exec(url);
    if (events && req.method === "GET") {
      void serveEvents(store, events[1]!, req, res);
      return;
    }
    if (!single && !BULK.test(url)) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ errorDetails: "Not found" }));
      return;
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST", "content-type": "application/json" });
      res.end(JSON.stringify({ errorDetails: "Use POST" }));
      return;
    }
    const flagKey = single ? decodeURIComponent(single[1]!) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) {
        res.writeHead(413, { "content-type": "application/json", connection: "close", ...(req.headers.origin ? CORS_HEADERS : {}) });
        res.end(JSON.stringify({ ...(flagKey ? { key: flagKey } : {}), errorCode: "GENERAL", errorDetails: `Request body exceeds ${MAX_BODY_BYTES} bytes` }));
        return;
      }
      const cors = req.headers.origin ? CORS_HEADERS : undefined;
      const send = (result: OfrepResponse) => {
        res.writeHead(result.status, cors ? { ...cors, ...result.headers } : result.headers);
        res.end(result.body ?? undefined);
      };
      const fail = (error: unknown) => {
        console.error("[ofrep] unexpected error", error);
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errorDetails: "Internal error" }));
      };
      try {
        const result = handleOfrep(store, limiter, {
          flagKey,
          authorization: header(req, "authorization"),
          apiKey: header(req, "x-api-key"),
          ifNoneMatch: header(req, "if-none-match"),
          body: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"),
          origin: process.env.OFREP_PUBLIC_URL ?? (req.headers.host ? `http://${req.headers.host}` : null),
        }, metrics?.exposures ?? null);
        if (result instanceof Promise) result.then(send, fail);
        else send(result);
      } catch (error) {
        fail(error);
      }
    });
  });
}

async function serveEvents(store: EvaluationStore, keyHash: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const cors = req.headers.origin ? CORS_HEADERS : {};
  await store.start().catch(() => undefined);
  if (!store.environmentForKey(keyHash)) {
    res.writeHead(403, cors);
    res.end();
    return;
  }
  res.writeHead(200, { ...cors, "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const stop = subscribeToChanges(store, keyHash, (frame) => res.write(frame));
  if (stop) req.on("close", stop);
}

function serveIngest(deps: IngestDeps, req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_INGEST_BYTES) chunks.push(chunk);
  });
  req.on("end", () => {
    const cors = req.headers.origin ? CORS_HEADERS : {};
    if (size > MAX_INGEST_BYTES) {
      res.writeHead(413, { ...cors, "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ error: `Request body exceeds ${MAX_INGEST_BYTES} bytes; send smaller batches` }));
      return;
    }
    handleMetricIngest(deps, { authorization: header(req, "authorization"), apiKey: header(req, "x-api-key"), body: Buffer.concat(chunks).toString("utf8") }).then(
      (result) => {
        res.writeHead(result.status, { ...cors, "cache-control": "no-store", ...(result.body === null ? {} : { "content-type": "application/json" }), ...result.headers });
        res.end(result.body === null ? undefined : JSON.stringify(result.body));
      },
      (error: unknown) => {
        console.error("[metrics] unexpected ingest error", error);
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "Internal error" }));
      },
    );
  });
}
