import http from "node:http";
import {
  admitOfrep,
  answerOfrep,
  bodyTooLargeResponse,
  CORS_HEADERS,
  MAX_BODY_BYTES,
  type OfrepAdmission,
  type OfrepResponse,
} from "@/lib/evaluation/ofrep-handler";
import { subscribeToChanges } from "@/lib/evaluation/change-stream";
import type { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import type { RateLimiter } from "@/lib/evaluation/rate-limiter";
import type { ExposureCounter } from "@/lib/metrics/builtin/exposure-counter";
import type { IngestDeps } from "@/lib/metrics/ingest/ingest-handler";
import { serveIngest } from "@/lib/http/ingest/ingest-node-adapter";
import { decodePathSegment } from "@/lib/http/decode-path-segment";
import { guardNodeListener, type Fail, type FailureLog } from "@/lib/http/guard-node-listener";
import { header, sendJson } from "@/lib/http/node-response";
import { readNodeBody } from "@/lib/http/read-node-body";

/** Exposure counting and metric ingest, when this server should do them too. */
export type OfrepServerMetrics = { exposures: ExposureCounter; ingest: Omit<IngestDeps, "store"> };

export type OfrepServerOptions = { log?: FailureLog };

const SINGLE = /^\/ofrep\/v1\/evaluate\/flags\/([^/?]+)\/?(?:\?.*)?$/;
const BULK = /^\/ofrep\/v1\/evaluate\/flags\/?(?:\?.*)?$/;
const METRICS = /^\/api\/v1\/metrics\/?(?:\?.*)?$/;
const EVENTS = /^\/ofrep\/v1\/events\?(?:.*&)?key=([0-9a-f]{64})(?:&.*)?$/;

function send(res: http.ServerResponse, result: OfrepResponse, extra: Record<string, string> | null) {
  res.writeHead(result.status, extra ? { ...extra, ...result.headers } : result.headers);
  res.end(result.body ?? undefined);
}

/**
 * A dedicated lightweight HTTP entry for OFREP on `node:http`: the same handler as the
 * dashboard's route handlers, without the framework in the way. Every request authenticates
 * from its headers before a byte of its body is read, reads at most MAX_BODY_BYTES, and runs
 * under a last-resort guard, so no request can end the process.
 */
export function createOfrepServer(
  store: EvaluationStore,
  limiter: RateLimiter | null,
  metrics: OfrepServerMetrics | null = null,
  options: OfrepServerOptions = {},
): http.Server {
  const server = http.createServer(
    guardNodeListener(
      (req, res, fail) => {
        const url = req.url ?? "/";
        if (metrics && METRICS.test(url)) {
          if (req.method === "OPTIONS") return void send(res, { status: 204, headers: CORS_HEADERS, body: null }, null);
          if (req.method === "POST") return serveIngest({ store, ...metrics.ingest }, req, res);
        }
        if (url === "/healthz") {
          res.writeHead(store.stale ? 503 : 200, { "content-type": "application/json", "cache-control": "no-store" });
          res.end(JSON.stringify({ ok: !store.stale, lastError: store.lastError }));
          return;
        }
        const events = EVENTS.exec(url);
        if (events && req.method === "GET") return serveEvents(store, events[1]!, req, res);
        const single = SINGLE.exec(url);
        if (!single && !BULK.test(url)) return sendJson(res, 404, { errorDetails: "Not found" });
        if (req.method === "OPTIONS") return void send(res, { status: 204, headers: CORS_HEADERS, body: null }, null);
        if (req.method !== "POST") return sendJson(res, 405, { errorDetails: "Use POST" }, { allow: "POST" });
        const flagKey = single ? decodePathSegment(single[1]!) : null;
        if (single && flagKey === null) {
          const cors = req.headers.origin ? CORS_HEADERS : {};
          return sendJson(
            res,
            400,
            {
              key: single[1],
              errorCode: "GENERAL",
              errorDetails: "The flag key in the path is not valid percent-encoded UTF-8",
            },
            cors,
          );
        }
        return serveOfrep(store, limiter, metrics?.exposures ?? null, req, res, flagKey, fail);
      },
      JSON.stringify({ errorDetails: "Internal error" }),
      options.log,
    ),
  );
  // Bodies here are at most 1 MiB: a client trickling one for minutes is holding a socket, not
  // sending a request (Node's default allows five minutes).
  server.requestTimeout = 30_000;
  // A request line or header block Node can't parse: answer 400 and close, as Node does by
  // default, but without writing to a socket that is already gone.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });
  return server;
}

function serveOfrep(
  store: EvaluationStore,
  limiter: RateLimiter | null,
  exposures: ExposureCounter | null,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  flagKey: string | null,
  fail: Fail,
): void | Promise<void> {
  const admission = admitOfrep(store, limiter, {
    authorization: header(req, "authorization"),
    apiKey: header(req, "x-api-key"),
  });
  // Synchronous once the store has loaded: the hot path waits only for the body.
  if (admission instanceof Promise)
    return admission.then((a) => evaluateAdmitted(store, exposures, req, res, flagKey, a, fail));
  evaluateAdmitted(store, exposures, req, res, flagKey, admission, fail);
}

function evaluateAdmitted(
  store: EvaluationStore,
  exposures: ExposureCounter | null,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  flagKey: string | null,
  admission: OfrepAdmission,
  fail: Fail,
): void {
  const cors = req.headers.origin ? CORS_HEADERS : null;
  if (!admission.ok) return send(res, admission.response, cors);
  readNodeBody(req, MAX_BODY_BYTES, (body) => {
    try {
      if (!body.ok) {
        if (body.reason === "aborted") return void res.destroy();
        return send(res, bodyTooLargeResponse(flagKey), cors);
      }
      const query = {
        flagKey,
        ifNoneMatch: header(req, "if-none-match"),
        body: body.text,
        origin: process.env.OFREP_PUBLIC_URL ?? (req.headers.host ? `http://${req.headers.host}` : null),
      };
      send(res, answerOfrep(store, admission.keyHash, query, exposures), cors);
    } catch (error) {
      fail(error);
    }
  });
}

async function serveEvents(
  store: EvaluationStore,
  keyHash: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const cors = req.headers.origin ? CORS_HEADERS : {};
  await store.start().catch(() => undefined);
  if (!store.environmentForKey(keyHash)) {
    res.writeHead(403, cors);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...cors,
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  const stop = subscribeToChanges(store, keyHash, (frame) => res.write(frame));
  if (stop) req.on("close", stop);
}
