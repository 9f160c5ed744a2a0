import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { rows, sql } from "../support/database";
import { expect, signInAs, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

/** A fresh SDK key for the demo team's staging, stored as the API keys page stores one. */
async function insertStagingSdkKey(project: string): Promise<string> {
  const key = `gp_sdk_${randomBytes(24).toString("hex")}`;
  await sql(
    project,
    `INSERT INTO "ApiKey" ("id", "teamId", "environmentId", "kind", "name", "prefix", "hash", "createdByName")
     VALUES ($1, (SELECT "id" FROM "Team" WHERE "slug" = 'acme'),
             (SELECT e."id" FROM "Environment" e JOIN "Team" t ON t."id" = e."teamId" WHERE t."slug" = 'acme' AND e."key" = 'staging'),
             'sdk', $2, $3, $4, 'e2e')`,
    [
      `e2e-${randomBytes(8).toString("hex")}`,
      "plan e2e",
      `${key.slice(0, 12)}…`,
      createHash("sha256").update(key, "utf8").digest("hex"),
    ],
  );
  // Evaluators and ingest see keys of an environment whose configuration version moved.
  await sql(
    project,
    `UPDATE "Environment" SET "configVersion" = "configVersion" + 1
     WHERE "key" = 'staging' AND "teamId" = (SELECT "id" FROM "Team" WHERE "slug" = 'acme')`,
  );
  return key;
}

async function cohortKeys(project: string): Promise<string[]> {
  const found = await rows(
    project,
    `SELECT c."key" FROM "Cohort" c JOIN "Team" t ON t."id" = c."teamId" WHERE t."slug" = 'acme' AND c."archivedAt" IS NULL`,
  );
  return [...found.map((r) => String(r.key)), "default"];
}

type Arm = { requests: number; errors: number };

/** Sends error-rate counts per cohort and variant, as an application would, until the key is known. */
async function sendErrorRates(
  request: APIRequestContext,
  key: string,
  release: string,
  perCohort: Record<string, { treatment: Arm; control: Arm }>,
) {
  const observations = Object.entries(perCohort).flatMap(([cohort, arms]) =>
    (["treatment", "control"] as const).map((variant) => ({
      metric: "error-rate",
      release,
      cohort,
      variant,
      count: arms[variant].requests,
      sum: arms[variant].errors,
    })),
  );
  await expect
    .poll(async () => {
      const response = await request.post("/api/v1/metrics", {
        headers: { authorization: `Bearer ${key}` },
        data: { observations },
        failOnStatusCode: false,
      });
      return response.status() === 200 ? ((await response.json()) as { accepted: number }).accepted : response.status();
    })
    .toBe(observations.length);
}

/** The page refreshes itself every minute; a test looks sooner. */
async function untilVisible(page: Page, locator: ReturnType<Page["getByRole"]>, timeout = 60_000) {
  await expect(async () => {
    await page.reload();
    await expect(locator).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout });
}

const HEALTHY: Arm = { requests: 20_000, errors: 200 };

test("a plan from a template advances on healthy guardrails, waits for a person, and rolls back on its own when a regression arrives through the metrics API", async ({
  page,
  request,
  uniqueKey,
}, testInfo) => {
  test.setTimeout(180_000);
  const project = testInfo.project.name;
  const sdkKey = await insertStagingSdkKey(project);
  const releaseKey = uniqueKey("e2e-guarded");
  await signInAs(page, "Erin Editor", "/teams/acme/releases/new?env=staging");
  await page.getByLabel("Name", { exact: true }).fill("E2E guarded release");
  await page.getByLabel("Key", { exact: true }).fill(releaseKey);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=staging`));

  // The "Quick" template: 10% → 50% (a person continues) → 100% and promote, guarded by error rate and p95 latency.
  const plan = page.getByTestId("rollout-plan");
  await plan.getByRole("link", { name: "Make a plan from “Quick”" }).click();
  await page.getByLabel("Step 1: bake time, minutes").fill("0");
  // Step 2 bakes long enough for the regression below to arrive while it runs.
  await page.getByLabel("Step 2: bake time, minutes").fill("60");
  // This application sends no latency: keep the error-rate guardrail only.
  await page.getByRole("button", { name: /^Remove guardrail Latency/ }).click();
  await page.getByRole("button", { name: "Make the plan" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=staging`));
  await expect(plan).toContainText("From template “Quick”");

  await plan.getByRole("button", { name: "Start plan" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Start plan" }).click();
  await expect(plan.getByTestId("plan-status")).toHaveText("Plan: Running");
  const release = new ReleasePage(page);
  await expect(release.status()).toHaveText("Rolling out");

  // No data yet: the step waits and says so.
  await untilVisible(page, plan.getByText(/Waiting for data/).first());

  // Healthy traffic in every cohort: the bake is over and the guardrails call it healthy;
  // the next step waits for a person.
  const cohorts = await cohortKeys(project);
  await sendErrorRates(
    request,
    sdkKey,
    releaseKey,
    Object.fromEntries(cohorts.map((c) => [c, { treatment: HEALTHY, control: HEALTHY }])),
  );
  const continueButton = plan.getByRole("button", { name: "Continue to next step" });
  await untilVisible(page, continueButton);
  await expect(plan.getByText(/Healthy/).first()).toBeVisible();
  await continueButton.click();
  await page.getByRole("dialog").getByRole("button", { name: "Continue to next step" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(plan.getByText("Took step 2 of 3.")).toBeVisible();
  await expect(release.percentInput("Everyone else")).toHaveValue("50");

  // A regression for everyone else's treatment: 10% errors against 1%.
  await sendErrorRates(request, sdkKey, releaseKey, {
    default: { treatment: { requests: 20_000, errors: 2_000 }, control: HEALTHY },
  });
  await untilVisible(page, plan.getByText(/^Regression: Error rate \+[\d.]+ pp \(.+\) in everyone else/));
  await expect(plan.getByText(/rolled back at \d\d:\d\d UTC/)).toBeVisible();
  await expect(release.status()).toHaveText("Rolled back");
  await expect(plan.getByTestId("plan-status")).toHaveText("Plan: Rolled back");

  // The audit trail says who did it, and why in numbers.
  const events = release.auditEvents();
  await expect(events.filter({ hasText: "Rolled back automatically: Regression: Error rate" })).toHaveCount(1);
  await expect(events.filter({ hasText: "Glidepath automation" }).first()).toBeVisible();
  await expect(events.filter({ hasText: "Took step 2 of 3" })).toHaveCount(1);
});
