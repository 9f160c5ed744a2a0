import { cohortDefinitionSchema, type CohortDefinition } from "@/lib/domain/cohort-rules";
import { MAX_BASIS_POINTS } from "@/lib/domain/percent";
import { roleAtLeast } from "@/lib/domain/roles";
import { canEditPercentages, nextStatus, STATUS_LABELS, type ReleaseStatus } from "@/lib/domain/rollout-state";
import type { DemoUserEmail } from "./demo-users";
import type { CohortSeed, MinutesAgo, ReleaseSeed, RolloutStep, TeamSeed } from "./seed-types";
import { describeRolloutChange } from "@/lib/domain/describe-rollout-change";
import { STATUS_AUDIT_ACTIONS, STATUS_AUDIT_VERBS } from "@/lib/rollouts/rollout-audit-wording";

// Pure: replays the seed timelines through the same state machine, summaries and
// before/after shapes as lib/releases/set-rollout.ts and change-release-status.ts, so seeded
// history reads exactly like history the app wrote. Throws on anything the app would refuse.

export type RolloutState = {
  status: ReleaseStatus;
  version: number;
  defaultBasisPoints: number;
  cohorts: Record<string, number>;
};

export type PlannedRolloutEvent = {
  at: MinutesAgo;
  by: DemoUserEmail;
  action: string;
  summary: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
};

export type PlannedRollout = {
  releaseKey: string;
  environmentKey: string;
  state: RolloutState;
  /** Time and author of the last change (the release's creation when there was none). */
  at: MinutesAgo;
  by: DemoUserEmail;
  events: PlannedRolloutEvent[];
};

export type PlannedCohort = Omit<CohortSeed, "definition"> & { priority: number; definition: CohortDefinition };

export type TeamPlan = {
  cohorts: PlannedCohort[];
  rollouts: PlannedRollout[];
  /** Per environment key: one bump per cohort or release created, one per rollout change. */
  configVersions: Record<string, number>;
};

const ACTIONS = STATUS_AUDIT_ACTIONS;
const VERBS = STATUS_AUDIT_VERBS;

function sortedCohorts(cohorts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(cohorts).sort(([a], [b]) => a.localeCompare(b)));
}

const describeChange = describeRolloutChange;

function checkBasisPoints(bp: number, where: string) {
  if (!Number.isInteger(bp) || bp < 0 || bp > MAX_BASIS_POINTS)
    throw new Error(`${where}: ${bp} is not 0..10000 basis points`);
}

type Context = {
  team: TeamSeed;
  release: ReleaseSeed;
  environment: { key: string; name: string };
  cohortsByKey: Map<string, PlannedCohort>;
};

function applyStep(
  ctx: Context,
  state: RolloutState,
  step: RolloutStep,
): { next: RolloutState; event: PlannedRolloutEvent } {
  const where = `${ctx.team.slug}/${ctx.release.key}/${ctx.environment.key} at ${step.at}`;
  assertCanEdit(ctx.team, step.by, `${ctx.release.key}/${ctx.environment.key}`);
  const version = state.version + 1;

  if ("command" in step) {
    const transition = nextStatus(state.status, step.command);
    if (!transition.ok) throw new Error(`${where}: ${transition.reason}`);
    const restart = step.command === "restart";
    const next: RolloutState = {
      status: transition.status,
      version,
      defaultBasisPoints: restart ? 0 : state.defaultBasisPoints,
      cohorts: restart ? {} : state.cohorts,
    };
    const snapshot = (s: RolloutState) => ({
      status: s.status,
      version: s.version,
      defaultBasisPoints: s.defaultBasisPoints,
      cohorts: s.cohorts,
    });
    return {
      next,
      event: {
        at: step.at,
        by: step.by,
        action: ACTIONS[step.command],
        summary: `${VERBS[step.command]} in ${ctx.environment.name}: ${STATUS_LABELS[state.status]} → ${STATUS_LABELS[transition.status]}`,
        before: snapshot(state),
        after: snapshot(next),
      },
    };
  }

  if (!canEditPercentages(state.status)) throw new Error(`${where}: percentages are locked while ${state.status}`);
  const cohorts = { ...state.cohorts };
  for (const [key, bp] of Object.entries(step.set.cohorts ?? {})) {
    const cohort = ctx.cohortsByKey.get(key);
    if (!cohort) throw new Error(`${where}: unknown cohort ${key}`);
    if (cohort.at <= step.at) throw new Error(`${where}: cohort ${key} does not exist yet`);
    if (bp === null) delete cohorts[key];
    else {
      checkBasisPoints(bp, where);
      cohorts[key] = bp;
    }
  }
  const defaultBasisPoints = step.set.default ?? state.defaultBasisPoints;
  checkBasisPoints(defaultBasisPoints, where);
  const next: RolloutState = { status: state.status, version, defaultBasisPoints, cohorts: sortedCohorts(cohorts) };
  const summary = describeChange(state, next);
  if (!summary) throw new Error(`${where}: the step changes nothing`);
  const snapshot = (s: RolloutState) => ({
    defaultBasisPoints: s.defaultBasisPoints,
    cohorts: s.cohorts,
    version: s.version,
  });
  return {
    next,
    event: {
      at: step.at,
      by: step.by,
      action: "rollout.percentages_set",
      summary: `Set ${summary} in ${ctx.environment.name}`,
      before: snapshot(state),
      after: snapshot(next),
    },
  };
}

function planRollout(ctx: Omit<Context, "environment">, environment: Context["environment"]): PlannedRollout {
  const { release } = ctx;
  let state: RolloutState = { status: "draft", version: 1, defaultBasisPoints: 0, cohorts: {} };
  let last = { at: release.at, by: release.by };
  const events: PlannedRolloutEvent[] = [];
  for (const step of release.rollouts[environment.key] ?? []) {
    if (!(step.at < last.at && step.at > 0)) {
      throw new Error(`${release.key}/${environment.key}: step at ${step.at} is not after ${last.at} and before now`);
    }
    const { next, event } = applyStep({ ...ctx, environment }, state, step);
    events.push(event);
    state = next;
    last = { at: step.at, by: step.by };
  }
  return { releaseKey: release.key, environmentKey: environment.key, state, ...last, events };
}

function assertCanEdit(team: TeamSeed, email: string, what: string) {
  const role = team.members.find((m) => m.email === email)?.role;
  if (!role || !roleAtLeast(role, "editor")) throw new Error(`${team.slug}/${what}: ${email} may not make changes`);
}

export function planTeam(team: TeamSeed): TeamPlan {
  const cohorts: PlannedCohort[] = team.cohorts.map((seed, index) => {
    const parsed = cohortDefinitionSchema.safeParse(seed.definition);
    if (!parsed.success) throw new Error(`${team.slug}/${seed.key}: invalid definition: ${parsed.error.message}`);
    if (seed.at >= team.at) throw new Error(`${team.slug}/${seed.key}: created before its team`);
    assertCanEdit(team, seed.by, seed.key);
    return { ...seed, priority: index + 1, definition: parsed.data };
  });
  const cohortsByKey = new Map(cohorts.map((c) => [c.key, c]));
  const envKeys = new Set(team.environments.map((e) => e.key));

  const rollouts: PlannedRollout[] = [];
  for (const release of team.releases) {
    if (release.at >= team.at) throw new Error(`${team.slug}/${release.key}: created before its team`);
    if (!team.members.some((m) => m.email === release.owner)) throw new Error(`${release.key}: owner is not a member`);
    assertCanEdit(team, release.by, release.key);
    const unknownEnv = Object.keys(release.rollouts).find((key) => !envKeys.has(key));
    if (unknownEnv) throw new Error(`${release.key}: unknown environment ${unknownEnv}`);
    for (const environment of team.environments)
      rollouts.push(planRollout({ team, release, cohortsByKey }, environment));
  }

  const teamWideBumps = cohorts.length + team.releases.length;
  const configVersions = Object.fromEntries(
    team.environments.map((e) => [
      e.key,
      teamWideBumps + rollouts.filter((r) => r.environmentKey === e.key).reduce((n, r) => n + r.events.length, 0),
    ]),
  );
  return { cohorts, rollouts, configVersions };
}
