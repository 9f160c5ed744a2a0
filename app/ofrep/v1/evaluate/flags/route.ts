import { ofrepFetch, ofrepPreflight } from "@/lib/evaluation/ofrep-fetch-adapter";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return ofrepFetch(request, null);
}

export function OPTIONS() {
  return ofrepPreflight();
}
