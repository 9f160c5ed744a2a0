import { embedFailure, embedPngResponse } from "@/lib/http/embeds/embed-responses";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = routeHandler<{ token: string }>(
  async (_request, { params }) => embedPngResponse((await params).token),
  embedFailure,
);
