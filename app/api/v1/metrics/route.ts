import { ingestFetch } from "@/lib/metrics/ingest/ingest-fetch-adapter";
import { ofrepPreflight } from "@/lib/evaluation/ofrep-fetch-adapter";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return ingestFetch(request);
}

export function OPTIONS() {
  return ofrepPreflight();
}
