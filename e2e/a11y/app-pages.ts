import { DEMO_TEAM_SLUG } from "@/lib/seed/demo-users";

/**
 * Every page of the dashboard, for the accessibility and narrow-layout specs (and the
 * screenshot script). A page added to the app belongs here: add a line, and both specs cover
 * it as an editor and as a viewer.
 *
 * Paths with `{webhookId}` or `{embedToken}` need a webhook or an embed link first: the specs
 * create one (`prepareFixtures`) and fill them in.
 */
export type AppPage = { name: string; path: string; signedOut?: boolean };

const team = `/teams/${DEMO_TEAM_SLUG}`;
const release = `${team}/releases/new-checkout`;

export const APP_PAGES: readonly AppPage[] = [
  { name: "sign-in", path: "/signin", signedOut: true },
  { name: "team overview", path: team },
  { name: "releases", path: `${team}/releases` },
  { name: "new release", path: `${team}/releases/new` },
  { name: "release", path: `${release}?env=production` },
  { name: "release in staging", path: `${release}?env=staging` },
  { name: "release details edit", path: `${release}/edit?env=production` },
  { name: "plan editor", path: `${release}/plan?env=production` },
  { name: "cohorts", path: `${team}/cohorts` },
  { name: "new cohort", path: `${team}/cohorts/new` },
  { name: "cohort edit", path: `${team}/cohorts/mobile/edit` },
  { name: "metrics", path: `${team}/metrics` },
  { name: "new metric", path: `${team}/metrics/new` },
  { name: "metric edit", path: `${team}/metrics/error-rate/edit` },
  { name: "plan templates", path: `${team}/plans/templates` },
  { name: "new plan template", path: `${team}/plans/templates/new` },
  { name: "plan template", path: `${team}/plans/templates/careful` },
  { name: "approvals", path: `${team}/approvals` },
  { name: "audit log", path: `${team}/audit` },
  { name: "environments", path: `${team}/environments` },
  { name: "members", path: `${team}/members` },
  { name: "webhooks", path: `${team}/webhooks` },
  { name: "webhook detail", path: `${team}/webhooks/{webhookId}` },
  { name: "embeds", path: `${team}/embeds` },
  { name: "api keys", path: `${team}/api-keys` },
  { name: "embed", path: "/embed/{embedToken}", signedOut: true },
  { name: "not found", path: `${team}/releases/no-such-release` },
];

export type PageFixtures = { webhookId: string; embedToken: string };

export function resolvePath(page: AppPage, fixtures: PageFixtures): string {
  return page.path.replace("{webhookId}", fixtures.webhookId).replace("{embedToken}", fixtures.embedToken);
}
