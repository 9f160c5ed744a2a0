import { ingestFailure, ingestFetch } from "@/lib/http/ingest/ingest-fetch-adapter";
import { ofrepPreflight } from "@/lib/http/ofrep/ofrep-fetch-adapter";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const POST = routeHandler((request) => ingestFetch(request), ingestFailure);

export const OPTIONS = routeHandler(() => ofrepPreflight(), ingestFailure);
