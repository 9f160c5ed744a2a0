import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { rows, sql } from "./database";

/*
 * Helpers of the dashboard fuzz specs (e2e/api/fuzz-*.spec.ts): what "nothing was written"
 * means on the server's database, and an automation key to get past authentication.
 */

/** Everything a hostile request could have changed, as one comparable value. */
export async function writtenState(project: string) {
  const [rollouts, cohortRollouts, audit, changeRequests, keys] = await Promise.all([
    rows(project, `SELECT "id", "status", "version", "defaultBasisPoints" FROM "ReleaseRollout" ORDER BY "id"`),
    rows(project, `SELECT "id", "basisPoints" FROM "CohortRollout" ORDER BY "id"`),
    rows(project, `SELECT CAST(COUNT(*) AS INTEGER) AS "events" FROM "AuditEvent"`),
    rows(project, `SELECT "id", "status" FROM "ChangeRequest" ORDER BY "id"`),
    rows(project, `SELECT "id", "revokedAt" FROM "ApiKey" ORDER BY "id"`),
  ]);
  return { rollouts, cohortRollouts, audit, changeRequests, keys };
}

/** Minute rows and their observation count for one series of a metric. */
export async function seriesTotals(project: string, metric: string, release: string, cohort: string) {
  const [totals] = await rows(
    project,
    `SELECT CAST(COUNT(*) AS INTEGER) AS "rows", COALESCE(SUM(a."count"), 0) AS "observations"
     FROM "MetricAggregate" a JOIN "MetricSeries" s ON s."id" = a."seriesId"
     WHERE s."metricKey" = $1 AND s."releaseKey" = $2 AND s."cohortKey" = $3 AND a."resolution" = 60`,
    [metric, release, cohort],
  );
  return { rows: Number(totals!.rows), observations: Number(totals!.observations) };
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A fresh editor automation key of the demo team, inserted as the API keys page would store it. */
export async function insertEditorKey(project: string, name: string): Promise<string> {
  const key = `gp_admin_${[...randomBytes(32)].map((b) => ALPHABET[b % 62]).join("")}`;
  await sql(
    project,
    `INSERT INTO "ApiKey" ("id", "teamId", "kind", "role", "name", "prefix", "hash", "createdByName")
     VALUES ($1, (SELECT "id" FROM "Team" WHERE "slug" = 'acme'), 'admin', 'editor', $2, $3, $4, 'e2e')`,
    [
      `e2e-${randomBytes(8).toString("hex")}`,
      name,
      `${key.slice(0, 13)}…`,
      createHash("sha256").update(key, "utf8").digest("hex"),
    ],
  );
  return key;
}

/** The server still answers ordinary requests. */
export async function stillServing(request: APIRequestContext, sdkKey: string) {
  const openapi = await request.get("/api/v1/openapi.json");
  const evaluation = await request.post("/ofrep/v1/evaluate/flags/new-checkout", {
    headers: { authorization: `Bearer ${sdkKey}` },
    data: { context: { targetingKey: "still-there" } },
  });
  return [openapi.status(), evaluation.status()];
}
