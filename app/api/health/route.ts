import { evaluationHealth } from "@/lib/evaluation/evaluation-health";

export const dynamic = "force-dynamic";

/** GET /api/health: 200 while evaluations answer from fresh data, 503 otherwise (docs/evaluation-api.md). */
export async function GET() {
  const { status, body } = await evaluationHealth();
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
