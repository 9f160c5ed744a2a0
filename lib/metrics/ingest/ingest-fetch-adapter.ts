import { evaluationRuntime } from "@/lib/evaluation/evaluation-runtime";
import { CORS_HEADERS } from "@/lib/evaluation/ofrep-handler";
import { metricsRuntime } from "../builtin/metrics-runtime";
import { handleMetricIngest } from "./ingest-handler";
import { MAX_INGEST_BYTES } from "./observation-schema";

/** POST /api/v1/metrics for Next.js route handlers. */
export async function ingestFetch(request: Request): Promise<Response> {
  const headers = { "cache-control": "no-store", ...CORS_HEADERS };
  if (Number(request.headers.get("content-length") ?? 0) > MAX_INGEST_BYTES) {
    return Response.json({ error: `Request body exceeds ${MAX_INGEST_BYTES} bytes; send smaller batches` }, { status: 413, headers });
  }
  const { store } = evaluationRuntime();
  const { buffer, catalog } = metricsRuntime();
  const result = await handleMetricIngest(
    { store, catalog, buffer },
    { authorization: request.headers.get("authorization"), apiKey: request.headers.get("x-api-key"), body: await request.text() },
  );
  const responseHeaders = { ...headers, ...result.headers };
  if (result.body === null) return new Response(null, { status: result.status, headers: responseHeaders });
  return Response.json(result.body, { status: result.status, headers: responseHeaders });
}
