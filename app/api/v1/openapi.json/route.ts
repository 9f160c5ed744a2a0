import { openApiDocument } from "@/lib/rest/openapi-document";

// Public (no key): the description of the automation API, generated from its zod schemas.
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}
