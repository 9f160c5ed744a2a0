import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";

/** What a page may know about the team's Prometheus: the URL, and only whether a token is set. */
export type PrometheusSettingsView = { url: string | null; tokenSet: boolean };

export function toPrometheusSettingsView(team: {
  prometheusUrl: string | null;
  prometheusToken: string | null;
}): PrometheusSettingsView {
  return { url: team.prometheusUrl, tokenSet: Boolean(team.prometheusToken) };
}

/** Any member may read (admins change it). */
export async function getPrometheusSettings(access: TeamAccess): Promise<PrometheusSettingsView> {
  const team = await readDb().team.findUniqueOrThrow({
    where: { id: access.teamId },
    select: { prometheusUrl: true, prometheusToken: true },
  });
  return toPrometheusSettingsView(team);
}
