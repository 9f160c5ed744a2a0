import type http from "node:http";
import { CORS_HEADERS } from "@/lib/evaluation/ofrep-handler";
import { header, sendJson } from "@/lib/http/node-response";
import { readNodeBodyAsync } from "@/lib/http/read-node-body";
import { admitIngest, INGEST_TOO_LARGE } from "@/lib/metrics/ingest/ingest-admission";
import { ingestBatch, type IngestDeps, type IngestResponse } from "@/lib/metrics/ingest/ingest-handler";
import { MAX_INGEST_BYTES } from "@/lib/metrics/ingest/observation-schema";

function send(res: http.ServerResponse, result: IngestResponse, extra: Record<string, string>) {
  res.writeHead(result.status, {
    ...extra,
    "cache-control": "no-store",
    ...(result.body === null ? {} : { "content-type": "application/json" }),
    ...result.headers,
  });
  res.end(result.body === null ? undefined : JSON.stringify(result.body));
}

/**
 * POST /api/v1/metrics on the dedicated server: the key (and its request rate) is checked from
 * the headers first, then at most MAX_INGEST_BYTES of body are read.
 */
export async function serveIngest(
  deps: IngestDeps,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const cors = req.headers.origin ? CORS_HEADERS : {};
  const admission = await admitIngest(deps, {
    authorization: header(req, "authorization"),
    apiKey: header(req, "x-api-key"),
  });
  if (!admission.ok) return send(res, admission.response, cors);
  const body = await readNodeBodyAsync(req, MAX_INGEST_BYTES);
  if (!body.ok) {
    if (body.reason === "aborted") return void res.destroy();
    return sendJson(res, 413, { error: INGEST_TOO_LARGE }, cors);
  }
  send(res, await ingestBatch(deps, admission, body.text), cors);
}
