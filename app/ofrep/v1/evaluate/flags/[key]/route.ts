import { ofrepFailure, ofrepFetch, ofrepPreflight } from "@/lib/http/ofrep/ofrep-fetch-adapter";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

// Next.js hands params already decoded (a path it can't decode is refused in proxy.ts):
// decoding again would turn `%25` into a malformed `%`.
export const POST = routeHandler<{ key: string }>(
  async (request, { params }) => ofrepFetch(request, (await params).key),
  ofrepFailure,
);

export const OPTIONS = routeHandler(() => ofrepPreflight(), ofrepFailure);
