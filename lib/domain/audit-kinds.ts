/**
 * Audit event codes in words, for the trail and its "kind" filter. The code stays the stored
 * value (and what the REST API returns); people read the label. Grouped for the filter's menu.
 */
export const AUDIT_KIND_GROUPS = [
  {
    group: "Rollouts",
    kinds: {
      "rollout.percentages_set": "Percentages changed",
      "rollout.started": "Rollout started",
      "rollout.paused": "Rollout paused",
      "rollout.resumed": "Rollout resumed",
      "rollout.promoted": "Promoted to everyone",
      "rollout.rolled_back": "Rolled back",
      "rollout.restarted": "Restarted as draft",
    },
  },
  {
    group: "Approvals",
    kinds: {
      "change_request.created": "Approval requested",
      "change_request.approved": "Change approved",
      "change_request.applied": "Approved change applied",
      "change_request.rejected": "Change rejected",
      "change_request.stale": "Change request went stale",
      "change_request.expired": "Change request expired",
      "change_request.cancelled": "Change request cancelled",
      "approval_policy.updated": "Approval policy changed",
    },
  },
  {
    group: "Rollout plans",
    kinds: {
      "plan.created": "Plan created",
      "plan.updated": "Plan changed",
      "plan.started": "Plan started",
      "plan.step_advanced": "Plan step taken",
      "plan.continued": "Plan continued by hand",
      "plan.skipped": "Plan step skipped",
      "plan.held": "Plan holding",
      "plan.paused": "Plan paused",
      "plan.resumed": "Plan resumed",
      "plan.guardrail_breached": "Guardrail breached",
      "plan.rolled_back": "Rolled back by a guardrail",
      "plan.backend_unreachable": "Metrics backend unreachable",
      "plan.finished": "Plan finished",
      "plan.ended": "Plan ended",
      "plan.cancelled": "Plan cancelled",
      "plan_template.created": "Plan template created",
      "plan_template.updated": "Plan template changed",
    },
  },
  {
    group: "Releases",
    kinds: {
      "release.created": "Release created",
      "release.updated": "Release details changed",
      "release.rollout_changed": "Rollout changed",
      "release.archived": "Release archived",
      "release.restored": "Release restored",
    },
  },
  {
    group: "Cohorts",
    kinds: {
      "cohort.created": "Cohort created",
      "cohort.updated": "Cohort rules changed",
      "cohort.reordered": "Cohorts reordered",
      "cohort.archived": "Cohort archived",
      "cohort.restored": "Cohort restored",
    },
  },
  {
    group: "Team and settings",
    kinds: {
      "member.added": "Member added",
      "member.removed": "Member removed",
      "member.role_changed": "Member's role changed",
      "environment.created": "Environment created",
      "api_key.created": "API key created",
      "api_key.revoked": "API key revoked",
      "embed_link.created": "Embed link created",
      "embed_link.revoked": "Embed link revoked",
      "metric.created": "Metric added",
      "metric.updated": "Metric changed",
      "metric.deleted": "Metric deleted",
      "metric.reordered": "Metrics reordered",
      "team.prometheus_updated": "Prometheus settings changed",
      "webhook.created": "Webhook created",
      "webhook.deleted": "Webhook deleted",
      "webhook.tested": "Webhook test sent",
      "webhook.secret_rotated": "Webhook secret rotated",
      "webhook.delivery_retried": "Webhook delivery sent again",
      "webhook.allow_list_changed": "Webhook allow-list changed",
    },
  },
] as const satisfies readonly { group: string; kinds: Record<string, string> }[];

const LABELS: ReadonlyMap<string, string> = new Map(AUDIT_KIND_GROUPS.flatMap((g) => Object.entries(g.kinds)));

/** Every known event code. */
export const AUDIT_KINDS: readonly string[] = [...LABELS.keys()];

export function isAuditKind(code: string): boolean {
  return LABELS.has(code);
}

/**
 * The words for an event code. A code written by a newer version (or a plugin) and not listed
 * here still reads as words: "thing.did_something" → "Thing: did something".
 */
export function auditKindLabel(code: string): string {
  const known = LABELS.get(code);
  if (known) return known;
  const [subject = code, ...rest] = code.split(".");
  const words = (s: string) => s.replaceAll("_", " ");
  const head = words(subject);
  const capitalised = head.charAt(0).toUpperCase() + head.slice(1);
  return rest.length ? `${capitalised}: ${words(rest.join("."))}` : capitalised;
}

const SYSTEM_ACTORS: Record<string, string> = {
  "system:controller": "Rollout controller",
  "system:approvals": "Approvals (automatic)",
  "system:seed": "Demo data",
  "system:plans": "Glidepath automation",
};

/** Who made a change, as people read it: system actors by what they are, not their id. */
export function actorDisplayName(name: string): string {
  return SYSTEM_ACTORS[name] ?? name;
}
