import { getActor } from "@/lib/auth/get-actor";
import { isDomainError, ValidationError } from "@/lib/errors/domain-errors";
import { encodeChartColumns } from "@/lib/metrics/chart-wire";
import { readReleaseChartData } from "@/lib/metrics/read-release-chart-data";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ team: string; release: string }> };

// Live data: a cached answer would show a stale chart on refresh.
const HEADERS = { "Cache-Control": "no-store" };

/**
 * The release page's chart data: GET ?env=&range=1h|6h|24h|7d (or from=&to=)&metrics=&cohorts=
 * Answers the compact wire format (lib/metrics/chart-wire); decodeChartData restores the payload.
 */
export async function GET(request: Request, { params }: Context) {
  const { team, release } = await params;
  try {
    const data = await readReleaseChartData(await getActor(), team, release, new URL(request.url).searchParams);
    return Response.json(encodeChartColumns(data), { headers: HEADERS });
  } catch (error) {
    if (isDomainError(error)) {
      const fieldErrors = error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {};
      return Response.json({ error: { code: error.code, message: error.message, ...fieldErrors } }, { status: error.status, headers: HEADERS });
    }
    console.error("[metrics] chart data failed", error);
    return Response.json({ error: { code: "internal", message: "Could not load the chart data. Try again." } }, { status: 500, headers: HEADERS });
  }
}
