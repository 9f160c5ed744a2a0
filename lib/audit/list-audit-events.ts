import "server-only";
import { readDb } from "@/lib/db/transaction";

export type AuditEntry = {
  id: string;
  action: string;
  summary: string;
  actorName: string;
  actorType: string;
  environmentName: string | null;
  createdAt: Date;
  before: unknown;
  after: unknown;
};

function parse(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

export async function listAuditEvents(
  teamId: string,
  filter: { releaseId?: string; cohortId?: string } = {},
  limit = 100,
): Promise<AuditEntry[]> {
  const db = readDb();
  const [events, environments] = await Promise.all([
    db.auditEvent.findMany({
      where: { teamId, ...filter },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    db.environment.findMany({ where: { teamId }, select: { id: true, name: true } }),
  ]);
  const envNames = new Map(environments.map((e) => [e.id, e.name]));
  return events.map((e) => ({
    id: e.id,
    action: e.action,
    summary: e.summary,
    actorName: e.actorName,
    actorType: e.actorType,
    environmentName: e.environmentId ? (envNames.get(e.environmentId) ?? null) : null,
    createdAt: e.createdAt,
    before: parse(e.before),
    after: parse(e.after),
  }));
}

export async function releaseIdOf(teamId: string, releaseKey: string) {
  const release = await readDb().release.findFirst({ where: { teamId, key: releaseKey }, select: { id: true } });
  return release?.id ?? null;
}
