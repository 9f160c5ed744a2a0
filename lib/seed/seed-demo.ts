import { getDb, type Db, type Prisma, type Tx } from "@/lib/db/client";
import { DEMO_TEAMS } from "./demo-data";
import { DEMO_PLAN_TEMPLATES } from "./demo-plan-templates";
import { backfillDemoMetrics, DEMO_METRICS, seedTeamMetrics } from "./demo-metrics";
import { DEMO_TEAM_SLUG, DEMO_USERS } from "./demo-users";
import { planTeam, type TeamPlan } from "./plan-team";
import { ago, type MinutesAgo, type TeamSeed } from "./seed-types";

export { DEMO_SECOND_TEAM_SLUG, DEMO_TEAM_SLUG, DEMO_USERS, type DemoUser } from "./demo-users";

export type SeedDemoOptions = {
  db?: Db;
  /** Every seeded time is relative to this; the same `now` always gives the same data. */
  now?: Date;
};

export type SeedDemoCounts = { users: number; teams: number; cohorts: number; releases: number; auditEvents: number };

export type SeedDemoResult = { created: false } | { created: true; counts: SeedDemoCounts };

type UserRef = { id: string; name: string };
type AuditRow = Prisma.AuditEventCreateManyInput;

class AlreadySeeded extends Error {}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Seed data refers to unknown ${what}`);
  return value;
}

/**
 * Under a minute of deterministic jitter so seeded times don't all share one seconds value.
 * A function of the minute alone: equal minutes give equal times (a rollout's updatedAt
 * equals its last event's time), and later minutes stay strictly later and before now.
 */
function secondsJitter(minutesAgo: MinutesAgo): number {
  return (Math.imul(minutesAgo + 1, 2654435761) >>> 0) % 59_000;
}

/**
 * Creates the demo teams, users, cohorts, releases and two weeks of audit history, all in
 * one transaction. Does nothing when team "acme" already exists, so it is safe to run on
 * every start.
 */
export async function seedDemo(options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const db = options.db ?? getDb();
  const nowMs = (options.now ?? new Date()).getTime();
  const at = (minutesAgo: MinutesAgo) => new Date(nowMs - minutesAgo * 60_000 + secondsJitter(minutesAgo));
  // Planned (and validated) before touching the database: a bad timeline writes nothing.
  const plans = DEMO_TEAMS.map((team) => ({ team, plan: planTeam(team) }));

  const alreadySeeded = async () =>
    (await db.team.findUnique({ where: { slug: DEMO_TEAM_SLUG }, select: { id: true } })) !== null;
  if (await alreadySeeded()) {
    await backfillDemoMetrics(db);
    return { created: false };
  }

  try {
    const counts = await db.$transaction(
      async (tx) => {
        if (await tx.team.findUnique({ where: { slug: DEMO_TEAM_SLUG }, select: { id: true } }))
          throw new AlreadySeeded();
        const users = await upsertUsers(tx, at(ago(14)));
        const counts: SeedDemoCounts = { users: users.size, teams: 0, cohorts: 0, releases: 0, auditEvents: 0 };
        for (const { team, plan } of plans) {
          // Only "acme" decides; a second team created by hand in the meantime is left alone.
          if (await tx.team.findUnique({ where: { slug: team.slug }, select: { id: true } })) continue;
          const audits = await seedTeam(tx, team, plan, users, at);
          counts.teams += 1;
          counts.cohorts += plan.cohorts.length;
          counts.releases += team.releases.length;
          counts.auditEvents += audits;
        }
        return counts;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
    return { created: true, counts };
  } catch (error) {
    // Another process seeded concurrently: its transaction won, which is just as good.
    if (error instanceof AlreadySeeded) return { created: false };
    if ((error as { code?: unknown }).code === "P2002" && (await alreadySeeded())) return { created: false };
    throw error;
  }
}

/** Existing accounts with the demo emails (e.g. from an earlier sign-in) are reused as they are. */
async function upsertUsers(tx: Tx, createdAt: Date): Promise<Map<string, UserRef>> {
  const users = new Map<string, UserRef>();
  for (const u of DEMO_USERS) {
    const user = await tx.user.upsert({
      where: { email: u.email },
      create: { email: u.email, name: u.name, createdAt },
      update: {},
      select: { id: true, name: true },
    });
    users.set(u.email, user);
  }
  return users;
}

async function seedTeam(
  tx: Tx,
  seed: TeamSeed,
  plan: TeamPlan,
  users: Map<string, UserRef>,
  at: (minutesAgo: MinutesAgo) => Date,
): Promise<number> {
  const user = (email: string) => must(users.get(email), `user ${email}`);
  const team = await tx.team.create({ data: { slug: seed.slug, name: seed.name, createdAt: at(seed.at) } });
  const audits: AuditRow[] = [];
  const audit = (
    row: Omit<AuditRow, "teamId" | "actorType" | "actorId" | "actorName" | "createdAt">,
    by: string,
    when: MinutesAgo,
  ) => {
    const actor = user(by);
    audits.push({
      ...row,
      teamId: team.id,
      actorType: "user",
      actorId: actor.id,
      actorName: actor.name,
      createdAt: at(when),
    });
  };

  const environments = new Map<string, { id: string; name: string }>();
  for (const e of seed.environments) {
    const environment = await tx.environment.create({
      data: {
        teamId: team.id,
        key: e.key,
        name: e.name,
        position: e.position,
        configVersion: plan.configVersions[e.key] ?? 0,
        createdAt: at(seed.at),
      },
    });
    environments.set(e.key, environment);
    const policy = seed.approvalPolicies?.[e.key];
    if (policy)
      await tx.approvalPolicy.create({
        data: { environmentId: environment.id, ...policy, updatedByName: user(seed.members[0]!.email).name },
      });
  }
  for (const m of seed.members) {
    await tx.membership.create({
      data: { teamId: team.id, userId: user(m.email).id, role: m.role, createdAt: at(seed.at) },
    });
  }

  const cohortIds = new Map<string, string>();
  for (const c of plan.cohorts) {
    const cohort = await tx.cohort.create({
      data: {
        teamId: team.id,
        key: c.key,
        name: c.name,
        description: c.description,
        priority: c.priority,
        definition: JSON.stringify(c.definition),
        createdAt: at(c.at),
        updatedAt: at(c.at),
      },
    });
    cohortIds.set(c.key, cohort.id);
    audit(
      {
        action: "cohort.created",
        summary: `Created cohort ${cohort.name} (${cohort.key})`,
        cohortId: cohort.id,
        after: JSON.stringify({
          key: cohort.key,
          name: cohort.name,
          description: cohort.description,
          definition: c.definition,
        }),
      },
      c.by,
      c.at,
    );
  }

  await seedTeamMetrics(tx, team.id, DEMO_METRICS[seed.slug] ?? [], at, audit);
  for (const template of DEMO_PLAN_TEMPLATES[seed.slug] ?? []) {
    await tx.planTemplate.create({
      data: {
        teamId: team.id,
        key: template.key,
        name: template.name,
        description: template.description,
        steps: JSON.stringify(template.definition.steps),
        guardrails: JSON.stringify(template.definition.guardrails),
        updatedByName: user(seed.members[0]!.email).name,
        createdAt: at(seed.at),
        updatedAt: at(seed.at),
      },
    });
  }

  for (const r of seed.releases) {
    const release = await tx.release.create({
      data: {
        teamId: team.id,
        key: r.key,
        name: r.name,
        description: r.description,
        salt: r.key,
        ownerId: user(r.owner).id,
        critical: r.critical ?? false,
        createdAt: at(r.at),
        updatedAt: at(r.at),
      },
    });
    audit(
      {
        action: "release.created",
        summary: `Created release ${release.name} (${release.key})`,
        releaseId: release.id,
        after: JSON.stringify({
          key: release.key,
          name: release.name,
          description: release.description,
          ownerId: release.ownerId,
        }),
      },
      r.by,
      r.at,
    );
    for (const rollout of plan.rollouts.filter((p) => p.releaseKey === r.key)) {
      const environment = must(environments.get(rollout.environmentKey), `environment ${rollout.environmentKey}`);
      const updatedBy = user(rollout.by);
      await tx.releaseRollout.create({
        data: {
          releaseId: release.id,
          environmentId: environment.id,
          status: rollout.state.status,
          version: rollout.state.version,
          defaultBasisPoints: rollout.state.defaultBasisPoints,
          updatedAt: at(rollout.at),
          updatedById: updatedBy.id,
          updatedByName: updatedBy.name,
          cohorts: {
            create: Object.entries(rollout.state.cohorts).map(([key, basisPoints]) => ({
              cohortId: must(cohortIds.get(key), `cohort ${key}`),
              basisPoints,
            })),
          },
        },
      });
      for (const event of rollout.events) {
        audit(
          {
            action: event.action,
            summary: event.summary,
            environmentId: environment.id,
            releaseId: release.id,
            before: JSON.stringify(event.before),
            after: JSON.stringify(event.after),
          },
          event.by,
          event.at,
        );
      }
    }
  }

  // Oldest first, so insertion order agrees with time for anything that breaks ties by id.
  audits.sort((a, b) => new Date(a.createdAt ?? 0).getTime() - new Date(b.createdAt ?? 0).getTime());
  await tx.auditEvent.createMany({ data: audits });
  return audits.length;
}
