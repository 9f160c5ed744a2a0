import { NotFoundError } from "@/lib/errors/domain-errors";
import { routeHandler } from "@/lib/http/route-handler";
import { restErrorResponse } from "@/lib/http/rest/rest-route";

export const dynamic = "force-dynamic";

// Anything else under /api/v1 answers in the API's error format instead of an HTML page.
const notFound = routeHandler((request) =>
  restErrorResponse(
    new NotFoundError(`No endpoint ${request.method} ${new URL(request.url).pathname}; see /api/v1/openapi.json`),
  ),
);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
