import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { ActorType } from "@/lib/auth/actor";
import { readDb } from "@/lib/db/transaction";
import { decodeCursor, encodeCursor, olderThan } from "@/lib/pagination/keyset-cursor";
import { AUDIT_PAGE_SIZE, type AuditQuery } from "./audit-query";
import { toAuditEntries, type AuditEntry } from "./list-audit-events";

export type AuditPage = {
  entries: AuditEntry[];
  /** How many entries match the filters, over all pages. */
  total: number;
  /** Cursor of the next (older) page, null on the last one. */
  next: string | null;
  /** The filters applied (those that named nothing known are left out and listed in `ignored`). */
  applied: AuditQuery;
  ignored: (keyof AuditQuery)[];
  /** For the filter menus: the team's releases (archived ones too) and everyone in its trail. */
  releases: { key: string; name: string; archived: boolean }[];
  actors: { id: string; name: string; type: ActorType }[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One page of the team's audit log, newest first, filtered by release, actor, kind and days
 * (UTC, both ends included), starting after `query.after`. Keyset paging on (createdAt, id):
 * stable while new events arrive, and as cheap on page 50 as on page 1. Any member may read.
 */
export async function listAuditPage(access: TeamAccess, query: AuditQuery): Promise<AuditPage> {
  const db = readDb();
  const [releases, actorRows, environments] = await Promise.all([
    db.release.findMany({
      where: { teamId: access.teamId },
      orderBy: { name: "asc" },
      select: { id: true, key: true, name: true, archivedAt: true },
    }),
    db.auditEvent.groupBy({
      by: ["actorId", "actorName", "actorType"],
      where: { teamId: access.teamId },
      orderBy: { actorName: "asc" },
    }),
    db.environment.findMany({ where: { teamId: access.teamId }, select: { id: true, name: true } }),
  ]);
  // An actor renamed keeps one id: offer the id once, under its latest-sorted name.
  const actors = [...new Map(actorRows.map((a) => [a.actorId, a])).values()].map((a) => ({
    id: a.actorId,
    name: a.actorName,
    type: a.actorType as ActorType,
  }));

  const ignored: (keyof AuditQuery)[] = [];
  const applied: AuditQuery = {};
  const release = query.release ? releases.find((r) => r.key === query.release) : undefined;
  if (query.release && release) applied.release = query.release;
  else if (query.release) ignored.push("release");
  if (query.actor && actors.some((a) => a.id === query.actor)) applied.actor = query.actor;
  else if (query.actor) ignored.push("actor");
  if (query.kind) applied.kind = query.kind;
  if (query.from && query.to && query.from > query.to) ignored.push("from", "to");
  else {
    if (query.from) applied.from = query.from;
    if (query.to) applied.to = query.to;
  }
  const cursor = decodeCursor(query.after);
  if (query.after && !cursor) ignored.push("after");
  if (cursor) applied.after = query.after;

  const createdAt = {
    ...(applied.from && { gte: new Date(`${applied.from}T00:00:00.000Z`) }),
    ...(applied.to && { lt: new Date(Date.parse(`${applied.to}T00:00:00.000Z`) + DAY_MS) }),
  };
  const where = {
    teamId: access.teamId,
    ...(release && applied.release && { releaseId: release.id }),
    ...(applied.actor && { actorId: applied.actor }),
    ...(applied.kind && { action: applied.kind }),
    ...(Object.keys(createdAt).length > 0 && { createdAt }),
  };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where: cursor ? { AND: [where, olderThan(cursor)] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUDIT_PAGE_SIZE + 1,
    }),
    db.auditEvent.count({ where }),
  ]);
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = shown.at(-1);
  return {
    entries: toAuditEntries(shown, environments),
    total,
    next: rows.length > AUDIT_PAGE_SIZE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    applied,
    ignored,
    releases: releases.map((r) => ({ key: r.key, name: r.name, archived: r.archivedAt !== null })),
    actors,
  };
}
