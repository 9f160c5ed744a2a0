import {
  admitOfrep,
  answerOfrep,
  bodyTooLargeResponse,
  CORS_HEADERS,
  MAX_BODY_BYTES,
  type OfrepResponse,
} from "@/lib/evaluation/ofrep-handler";
import { subscribeToChanges } from "@/lib/evaluation/change-stream";
import { metricsRuntime } from "@/lib/metrics/builtin/metrics-runtime";
import { closeIfFetchBodyUnread } from "@/lib/http/close-if-fetch-body-unread";
import { readFetchBody } from "@/lib/http/read-fetch-body";
import { evaluationRuntime } from "@/lib/evaluation/evaluation-runtime";

function toResponse(result: OfrepResponse, extra: Record<string, string> = {}): Response {
  return new Response(result.body, {
    status: result.status,
    headers: { "cache-control": "no-store", ...CORS_HEADERS, ...extra, ...result.headers },
  });
}

/**
 * Adapts a Fetch API request (Next.js route handlers) to the OFREP handler: the key is checked
 * from the headers before the body is read, then at most MAX_BODY_BYTES are read.
 */
export async function ofrepFetch(request: Request, flagKey: string | null): Promise<Response> {
  const { store, limiter } = evaluationRuntime();
  const admission = await admitOfrep(store, limiter, {
    authorization: request.headers.get("authorization"),
    apiKey: request.headers.get("x-api-key"),
  });
  if (!admission.ok) return toResponse(admission.response, closeIfFetchBodyUnread(request));
  const body = await readFetchBody(request, MAX_BODY_BYTES);
  // An aborted body has nobody to answer; the 413 keeps its shape for both.
  if (!body.ok) return toResponse(bodyTooLargeResponse(flagKey), closeIfFetchBodyUnread(request));
  const result = answerOfrep(
    store,
    admission.keyHash,
    {
      flagKey,
      ifNoneMatch: request.headers.get("if-none-match"),
      body: body.text,
      origin: process.env.GLIDEPATH_PUBLIC_URL ?? process.env.NEXTAUTH_URL ?? new URL(request.url).origin,
    },
    metricsRuntime().exposures,
  );
  return toResponse(result);
}

export function ofrepPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

/** The last-resort answer of the OFREP routes, in OFREP's error shape. */
export function ofrepFailure(): Response {
  return Response.json(
    { errorCode: "GENERAL", errorDetails: "Internal error" },
    { status: 500, headers: { "cache-control": "no-store", ...CORS_HEADERS } },
  );
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
      const write = (frame: string) => {
        // A client gone between its abort and our unsubscribe must not throw into the store's poller.
        try {
          controller.enqueue(encoder.encode(frame));
        } catch {
          stop?.();
        }
      };
      stop = /^[0-9a-f]{64}$/.test(keyHash) ? subscribeToChanges(store, keyHash, write) : null;
      if (!stop) controller.close();
    },
    cancel() {
      stop?.();
    },
  });
  if (!stop) return new Response(null, { status: 403, headers: CORS_HEADERS });
  request.signal.addEventListener("abort", () => stop?.());
  return new Response(stream, {
    headers: {
      ...CORS_HEADERS,
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
    },
  });
}
