import { embedPngResponse } from "@/lib/embeds/embed-responses";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  return embedPngResponse((await params).token);
}
