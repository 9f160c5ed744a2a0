import type { Db, Prisma, Tx } from "@/lib/db/client";
import { metricAuditFields } from "@/lib/metrics/definitions/metric-audit-fields";
import {
  metricFieldsSchema,
  metricKeySchema,
  refineMetricQueries,
} from "@/lib/metrics/definitions/metric-definition-schemas";
import type { BadDirection, MetricKind } from "@/lib/metrics/metric-types";
import type { DemoUserEmail } from "./demo-users";
import { ago, type MinutesAgo } from "./seed-types";

export type MetricSeed = {
  key: string;
  name: string;
  unit: string;
  kind: MetricKind;
  badDirection: BadDirection;
  at: MinutesAgo;
  by: DemoUserEmail;
};

// Built-in metrics only: the demo traffic generator sends these keys, and a fresh install has
// no Prometheus to query.
export const DEMO_METRICS: Record<string, MetricSeed[]> = {
  acme: [
    {
      key: "error-rate",
      name: "Error rate",
      unit: "%",
      kind: "error_rate",
      badDirection: "up",
      at: ago(13, 22),
      by: "ada@acme.test",
    },
    {
      key: "latency",
      name: "Latency",
      unit: "ms",
      kind: "latency",
      badDirection: "up",
      at: ago(13, 21, 58),
      by: "ada@acme.test",
    },
    {
      key: "checkouts",
      name: "Checkouts",
      unit: "orders",
      kind: "count",
      badDirection: "down",
      at: ago(13, 21, 50),
      by: "sam@acme.test",
    },
  ],
  platform: [
    {
      key: "error-rate",
      name: "Error rate",
      unit: "%",
      kind: "error_rate",
      badDirection: "up",
      at: ago(13, 7),
      by: "ada@acme.test",
    },
    {
      key: "handshake-latency",
      name: "Handshake latency",
      unit: "ms",
      kind: "latency",
      badDirection: "up",
      at: ago(13, 6, 55),
      by: "ada@acme.test",
    },
  ],
};

const seedSchema = metricFieldsSchema.extend({ key: metricKeySchema }).superRefine(refineMetricQueries);

type AuditRow = Prisma.AuditEventCreateManyInput;
type Audit = (
  row: Omit<AuditRow, "teamId" | "actorType" | "actorId" | "actorName" | "createdAt">,
  by: DemoUserEmail,
  at: MinutesAgo,
) => void;

/**
 * A team's demo metrics, in order, with the audit events createMetricDefinition would write.
 * Validated with the app's own schema, so the seed can't hold a metric the app would refuse.
 */
export async function seedTeamMetrics(
  tx: Tx,
  teamId: string,
  metrics: readonly MetricSeed[],
  at: (minutes: MinutesAgo) => Date,
  audit: Audit,
) {
  for (const [index, seed] of metrics.entries()) {
    const parsed = seedSchema.safeParse({ ...seed, source: "builtin" });
    if (!parsed.success) throw new Error(`metric ${seed.key}: ${parsed.error.message}`);
    const m = parsed.data;
    await tx.metricDefinition.create({
      data: {
        teamId,
        key: m.key,
        name: m.name,
        unit: m.unit,
        kind: m.kind,
        badDirection: m.badDirection,
        source: m.source,
        position: index + 1,
        createdAt: at(seed.at),
        updatedAt: at(seed.at),
      },
    });
    audit(
      {
        action: "metric.created",
        summary: `Created metric ${m.name} (${m.key})`,
        after: JSON.stringify(metricAuditFields({ ...m, query: null, sampleQuery: null })),
      },
      seed.by,
      seed.at,
    );
  }
}

const SEED_ACTOR = { actorType: "system", actorId: "system:seed", actorName: "system:seed" } as const;

/**
 * Demo databases seeded before metrics existed get the demo metrics once, so the demo traffic
 * has something to send to. Only a demo team that has never had a metric (no definitions, no
 * metric audit events) and still has the seeding members qualifies, so deleting them sticks.
 */
export async function backfillDemoMetrics(db: Db, now = new Date()): Promise<number> {
  let created = 0;
  for (const [slug, metrics] of Object.entries(DEMO_METRICS)) {
    try {
      created += await db.$transaction(async (tx) => {
        const team = await tx.team.findUnique({
          where: { slug },
          select: { id: true, memberships: { select: { user: { select: { email: true } } } } },
        });
        if (!team) return 0;
        const members = new Set(team.memberships.map((m) => m.user.email));
        if (!metrics.every((m) => members.has(m.by))) return 0;
        const [definitions, events] = await Promise.all([
          tx.metricDefinition.count({ where: { teamId: team.id } }),
          tx.auditEvent.count({ where: { teamId: team.id, action: { startsWith: "metric." } } }),
        ]);
        if (definitions > 0 || events > 0) return 0;
        const audits: AuditRow[] = [];
        await seedTeamMetrics(
          tx,
          team.id,
          metrics,
          () => now,
          (row) => audits.push({ ...row, ...SEED_ACTOR, teamId: team.id, createdAt: now }),
        );
        await tx.auditEvent.createMany({ data: audits });
        return metrics.length;
      });
    } catch (error) {
      // Another process backfilled the same team at the same time: its rows are just as good.
      if ((error as { code?: unknown }).code !== "P2002") throw error;
    }
  }
  return created;
}
