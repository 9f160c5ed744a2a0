import { ofrepEvents, ofrepFailure, ofrepPreflight } from "@/lib/http/ofrep/ofrep-fetch-adapter";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = routeHandler((request) => ofrepEvents(request), ofrepFailure);

export const OPTIONS = routeHandler(() => ofrepPreflight(), ofrepFailure);
