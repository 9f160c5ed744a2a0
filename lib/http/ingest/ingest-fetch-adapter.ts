import { evaluationRuntime } from "@/lib/evaluation/evaluation-runtime";
import { CORS_HEADERS } from "@/lib/evaluation/ofrep-handler";
import { closeIfFetchBodyUnread } from "@/lib/http/close-if-fetch-body-unread";
import { readFetchBody } from "@/lib/http/read-fetch-body";
import { metricsRuntime } from "@/lib/metrics/builtin/metrics-runtime";
import { admitIngest, INGEST_TOO_LARGE } from "@/lib/metrics/ingest/ingest-admission";
import { ingestBatch, type IngestDeps, type IngestResponse } from "@/lib/metrics/ingest/ingest-handler";
import { MAX_INGEST_BYTES } from "@/lib/metrics/ingest/observation-schema";

function toResponse(result: IngestResponse, extra: Record<string, string> = {}): Response {
  const headers = { "cache-control": "no-store", ...CORS_HEADERS, ...extra, ...result.headers };
  if (result.body === null) return new Response(null, { status: result.status, headers });
  return Response.json(result.body, { status: result.status, headers });
}

/** The process's store, buffer and limits (tests pass their own). */
function processDeps(): IngestDeps {
  const { store, ingestLimits } = evaluationRuntime();
  const { buffer, catalog } = metricsRuntime();
  return { store, catalog, buffer, limits: ingestLimits };
}

/**
 * POST /api/v1/metrics for Next.js route handlers: the key (and its request rate) is checked
 * from the headers first, then at most MAX_INGEST_BYTES of body are read.
 */
export async function ingestFetch(request: Request, deps: IngestDeps = processDeps()): Promise<Response> {
  const admission = await admitIngest(deps, {
    authorization: request.headers.get("authorization"),
    apiKey: request.headers.get("x-api-key"),
  });
  if (!admission.ok) return toResponse(admission.response, closeIfFetchBodyUnread(request));
  const body = await readFetchBody(request, MAX_INGEST_BYTES);
  if (!body.ok) return toResponse({ status: 413, body: { error: INGEST_TOO_LARGE } }, closeIfFetchBodyUnread(request));
  return toResponse(await ingestBatch(deps, admission, body.text));
}

/** The last-resort answer of the ingest route, in its error shape. */
export function ingestFailure(): Response {
  return Response.json(
    { error: "Internal error" },
    { status: 500, headers: { "cache-control": "no-store", ...CORS_HEADERS } },
  );
}
