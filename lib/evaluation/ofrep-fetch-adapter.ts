import { CORS_HEADERS, handleOfrep, MAX_BODY_BYTES } from "./ofrep-handler";
import { subscribeToChanges } from "./change-stream";
import { metricsRuntime } from "@/lib/metrics/builtin/metrics-runtime";
import { evaluationRuntime } from "./evaluation-runtime";

/** Adapts a Fetch API request (Next.js route handlers) to the OFREP handler. */
export async function ofrepFetch(request: Request, flagKey: string | null): Promise<Response> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    return Response.json(
      { ...(flagKey ? { key: flagKey } : {}), errorCode: "GENERAL", errorDetails: `Request body exceeds ${MAX_BODY_BYTES} bytes` },
      { status: 413, headers: CORS_HEADERS },
    );
  }
  const { store, limiter } = evaluationRuntime();
  const result = await handleOfrep(store, limiter, {
    flagKey,
    authorization: request.headers.get("authorization"),
    apiKey: request.headers.get("x-api-key"),
    ifNoneMatch: request.headers.get("if-none-match"),
    body: await request.text(),
    origin: process.env.GLIDEPATH_PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? new URL(request.url).origin,
  }, metricsRuntime().exposures);
  return new Response(result.body, { status: result.status, headers: { "cache-control": "no-store", ...CORS_HEADERS, ...result.headers } });
}

export function ofrepPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

/** The OFREP change stream (server-sent events) for web SDKs. */
export async function ofrepEvents(request: Request): Promise<Response> {
  const keyHash = new URL(request.url).searchParams.get("key") ?? "";
  const { store } = evaluationRuntime();
  await store.start().catch(() => undefined);
  const encoder = new TextEncoder();
  let stop: (() => void) | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = /^[0-9a-f]{64}$/.test(keyHash) ? subscribeToChanges(store, keyHash, (frame) => controller.enqueue(encoder.encode(frame))) : null;
      if (!stop) controller.close();
    },
    cancel() {
      stop?.();
    },
  });
  if (!stop) return new Response(null, { status: 403, headers: CORS_HEADERS });
  request.signal.addEventListener("abort", () => stop?.());
  return new Response(stream, { headers: { ...CORS_HEADERS, "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" } });
}
