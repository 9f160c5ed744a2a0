import { getActor } from "@/lib/auth/get-actor";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { ValidationError } from "@/lib/errors/domain-errors";
import { errorResponse } from "@/lib/errors/error-response";
import { controlCharacterParameter } from "@/lib/http/control-character-parameter";
import { routeHandler } from "@/lib/http/route-handler";
import { encodeChartColumns } from "@/lib/metrics/chart-wire";
import { readReleaseChartData } from "@/lib/metrics/read-release-chart-data";

export const dynamic = "force-dynamic";

// Live data: a cached answer would show a stale chart on refresh.
const HEADERS = { "Cache-Control": "no-store" };

const failure = () =>
  Response.json(
    { error: { code: "internal", message: "Could not load the chart data. Try again." } },
    { status: 500, headers: HEADERS },
  );

/**
 * The release page's chart data: GET ?env=&range=1h|6h|24h|7d (or from=&to=)&metrics=&cohorts=
 * Answers the compact wire format (lib/metrics/chart-wire); decodeChartData restores the payload.
 */
export const GET = routeHandler<{ team: string; release: string }>(async (request, { params }) => {
  const { team, release } = await params;
  try {
    const query = new URL(request.url).searchParams;
    const badParameter = controlCharacterParameter(query);
    if (badParameter !== null) throw ValidationError.field(badParameter, "must not contain control characters");
    const context = await getTeamContext(await getActor(), team, query.get("env"));
    const data = await readReleaseChartData(context, { releaseKey: release, query });
    return Response.json(encodeChartColumns(data), { headers: HEADERS });
  } catch (error) {
    const { status, ...body } = errorResponse(
      error,
      `[http] ${request.method} ${new URL(request.url).pathname} failed`,
    );
    // Unexpected (already logged): the chart's own words, not the generic ones.
    if (status >= 500) return failure();
    return Response.json({ error: body }, { status, headers: HEADERS });
  }
}, failure);
