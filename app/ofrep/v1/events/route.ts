import { ofrepEvents, ofrepPreflight } from "@/lib/evaluation/ofrep-fetch-adapter";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return ofrepEvents(request);
}

export function OPTIONS() {
  return ofrepPreflight();
}
