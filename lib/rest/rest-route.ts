import "server-only";
import { authenticateApiKey, type RestPrincipal } from "./authenticate-api-key";
import { parseJsonText } from "./parse-body";
import { errorReply } from "./rest-errors";

// Automation reads must never be served from a cache: a pipeline decides on them.
const NO_STORE = { "Cache-Control": "no-store" };

export function restJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function restErrorResponse(error: unknown, where = "request"): Response {
  const reply = errorReply(error);
  if (reply.status >= 500) console.error(`[rest] ${where} failed`, error);
  return restJson(reply.body, reply.status, reply.headers);
}

export type RestCall<P> = {
  request: Request;
  params: P;
  principal: RestPrincipal;
  /** The parsed JSON body; undefined when the body is empty. Malformed JSON is a 400. */
  body: () => Promise<unknown>;
};

/**
 * Every /api/v1 automation handler goes through here: the admin key is authenticated first
 * (before the body is read), then the handler calls one use case, and every thrown error is
 * mapped once (lib/rest/rest-errors.ts) to `{ error: { code, message, fieldErrors? } }`.
 */
export function restRoute<P = Record<string, never>>(handler: (call: RestCall<P>) => Promise<Response>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const principal = await authenticateApiKey(request.headers.get("authorization"));
      const params = await context.params;
      return await handler({ request, params, principal, body: async () => parseJsonText(await request.text()) });
    } catch (error) {
      return restErrorResponse(error, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}
