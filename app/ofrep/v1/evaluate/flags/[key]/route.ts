import { ofrepFetch, ofrepPreflight } from "@/lib/evaluation/ofrep-fetch-adapter";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  return ofrepFetch(request, decodeURIComponent((await params).key));
}

export function OPTIONS() {
  return ofrepPreflight();
}
