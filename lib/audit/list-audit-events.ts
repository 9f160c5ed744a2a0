import "server-only";
import type { ActorType } from "@/lib/auth/actor";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { toAuditEvent } from "./audit-event-row";

type AuditEventRow = {
  id: string;
  environmentId: string | null;
  actorType: string;
  actorName: string;
  action: string;
  summary: string;
  createdAt: Date;
  before: string | null;
  after: string | null;
};

export type AuditEntry = {
  id: string;
  action: string;
  summary: string;
  actorName: string;
  actorType: ActorType;
  environmentName: string | null;
  createdAt: Date;
  before: unknown;
  after: unknown;
};

/** What the trail shows: the whole team's, or one release's or one cohort's. */
export type AuditFilter = { releaseId?: string; cohortId?: string; limit?: number };

/** The team's audit trail, newest first (100 events unless `limit` says otherwise). Any member may read. */
export async function listAuditEvents(access: TeamAccess, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const { limit = 100, ...about } = filter;
  const db = readDb();
  const [events, environments] = await Promise.all([
    db.auditEvent.findMany({
      where: { teamId: access.teamId, ...about },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    db.environment.findMany({ where: { teamId: access.teamId }, select: { id: true, name: true } }),
  ]);
  return toAuditEntries(events, environments);
}

/** Rows as the trail shows them: change sides parsed, the environment named. */
export function toAuditEntries(events: AuditEventRow[], environments: { id: string; name: string }[]): AuditEntry[] {
  const envNames = new Map(environments.map((e) => [e.id, e.name]));
  return events.map(toAuditEvent).map((e) => ({
    id: e.id,
    action: e.action,
    summary: e.summary,
    actorName: e.actorName,
    actorType: e.actorType,
    environmentName: e.environmentId ? (envNames.get(e.environmentId) ?? null) : null,
    createdAt: e.createdAt,
    before: e.before,
    after: e.after,
  }));
}
