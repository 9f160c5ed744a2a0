import { embedFailure, embedSvgResponse } from "@/lib/http/embeds/embed-responses";
import { routeHandler } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = routeHandler<{ token: string }>(
  async (_request, { params }) => embedSvgResponse((await params).token),
  embedFailure,
);
