import "server-only";
import { ValidationError } from "@/lib/errors/domain-errors";
import { closeIfFetchBodyUnread } from "@/lib/http/close-if-fetch-body-unread";
import { controlCharacterParameter } from "@/lib/http/control-character-parameter";
import { readFetchBody } from "@/lib/http/read-fetch-body";
import { routeHandler } from "@/lib/http/route-handler";
import { authenticateApiKey, type RestPrincipal } from "./authenticate-api-key";
import { parseJsonText } from "./parse-body";
import { errorReply, InvalidJsonError, PayloadTooLargeError } from "./rest-errors";

// Automation reads must never be served from a cache: a pipeline decides on them.
const NO_STORE = { "Cache-Control": "no-store" };

/** Automation bodies are a few hundred bytes (percentages per cohort, a comment). */
export const MAX_REST_BODY_BYTES = 64 * 1024;

export function restJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function restErrorResponse(error: unknown, where = "request"): Response {
  const reply = errorReply(error, where);
  return restJson(reply.body, reply.status, reply.headers);
}

export type RestCall<P> = {
  request: Request;
  params: P;
  principal: RestPrincipal;
  /** The parsed JSON body (at most MAX_REST_BODY_BYTES); undefined when empty. Malformed JSON is a 400, too large a 413. */
  body: () => Promise<unknown>;
};

async function readBody(request: Request): Promise<unknown> {
  const body = await readFetchBody(request, MAX_REST_BODY_BYTES);
  if (body.ok) return parseJsonText(body.text);
  if (body.reason === "too_large")
    throw new PayloadTooLargeError(`The request body exceeds ${MAX_REST_BODY_BYTES} bytes`);
  throw new InvalidJsonError("The request body ended before it was complete");
}

/**
 * Every /api/v1 automation handler goes through here: the admin key is authenticated first
 * (before the body is read), then the handler calls one use case, and every thrown error is
 * mapped once (lib/errors/error-response.ts, via lib/http/rest/rest-errors.ts) to
 * `{ error: { code, message, fieldErrors?, current? } }`.
 */
export function restRoute<P = Record<string, never>>(handler: (call: RestCall<P>) => Promise<Response>) {
  return routeHandler<P>(async (request, context) => {
    let bodyRead = false;
    try {
      const principal = await authenticateApiKey(request.headers.get("authorization"));
      const params = await context.params;
      const badParameter = controlCharacterParameter(new URL(request.url).searchParams);
      if (badParameter !== null) throw ValidationError.field(badParameter, "must not contain control characters");
      const body = () => {
        bodyRead = true;
        return readBody(request);
      };
      return await handler({ request, params, principal, body });
    } catch (error) {
      const response = restErrorResponse(error, `${request.method} ${new URL(request.url).pathname}`);
      // A refused request whose large or chunked body was never read (or was cut at the cap):
      // close rather than drain it.
      const close = error instanceof PayloadTooLargeError || !bodyRead ? closeIfFetchBodyUnread(request) : {};
      for (const [name, value] of Object.entries(close)) response.headers.set(name, value);
      return response;
    }
  });
}
