import { ofrepFailure, ofrepFetch, ofrepPreflight } from "@/lib/http/ofrep/ofrep-fetch-adapter";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const POST = routeHandler((request) => ofrepFetch(request, null), ofrepFailure);

export const OPTIONS = routeHandler(() => ofrepPreflight(), ofrepFailure);
