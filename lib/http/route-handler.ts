import { INTERNAL_ERROR_MESSAGE } from "@/lib/errors/error-response";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: Request, context: RouteContext<P>) => Response | Promise<Response>;

/** The answer when a handler fails unexpectedly, in the route's own error format. */
export type FailureResponse = () => Response;

const GENERIC_FAILURE: FailureResponse = () =>
  Response.json(
    { error: { code: "internal", message: INTERNAL_ERROR_MESSAGE } },
    { status: 500, headers: { "cache-control": "no-store" } },
  );

/**
 * The last resort every Next.js route handler goes through: whatever escapes the handler (a
 * thrown error, a rejected promise) is logged once and answered with a 500 in the route's
 * format, instead of the framework's plain-text page. Expected failures (bad input, missing
 * rows) are mapped inside the handlers, before this (lib/errors/error-response.ts); a 500 here
 * is a bug to fix.
 */
export function routeHandler<P = Record<string, never>>(
  handler: Handler<P>,
  failure: FailureResponse = GENERIC_FAILURE,
): Handler<P> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      console.error(`[http] ${request.method} ${new URL(request.url).pathname} failed`, error);
      return failure();
    }
  };
}
