import "server-only";
import type { Tx } from "@/lib/db/client";
import { readDb } from "@/lib/db/transaction";

/** What a page may know about the team's Prometheus: the URL, and only whether a token is set. */
export type PrometheusSettingsView = { url: string | null; tokenSet: boolean };

export function toPrometheusSettingsView(team: { prometheusUrl: string | null; prometheusToken: string | null }): PrometheusSettingsView {
  return { url: team.prometheusUrl, tokenSet: Boolean(team.prometheusToken) };
}

export async function getPrometheusSettings(teamId: string, db: Tx = readDb()): Promise<PrometheusSettingsView> {
  const team = await db.team.findUniqueOrThrow({ where: { id: teamId }, select: { prometheusUrl: true, prometheusToken: true } });
  return toPrometheusSettingsView(team);
}
