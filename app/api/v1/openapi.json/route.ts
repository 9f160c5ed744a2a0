import { openApiDocument } from "@/lib/http/rest/openapi-document";
import { routeHandler } from "@/lib/http/route-handler";

// Public (no key): the description of the automation API, generated from its zod schemas.
export const dynamic = "force-static";

export const GET = routeHandler(() => Response.json(openApiDocument()));
