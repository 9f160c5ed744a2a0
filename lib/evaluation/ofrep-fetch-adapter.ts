import { CORS_HEADERS, handleOfrep, MAX_BODY_BYTES } from "./ofrep-handler";
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
  });
  return new Response(result.body, { status: result.status, headers: { "cache-control": "no-store", ...CORS_HEADERS, ...result.headers } });
}

export function ofrepPreflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
