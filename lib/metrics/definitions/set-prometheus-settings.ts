import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { toPrometheusSettingsView, type PrometheusSettingsView } from "./get-prometheus-settings";
import { prometheusSettingsSchema } from "./prometheus-settings-schema";

type TokenState = "set" | "not set" | "replaced";

function summaryOf(
  beforeUrl: string | null,
  afterUrl: string | null,
  beforeToken: TokenState,
  afterToken: TokenState,
): string {
  if (!afterUrl) return "Removed the Prometheus backend";
  if (afterUrl !== beforeUrl)
    return `Set the Prometheus backend to ${afterUrl}${afterToken === "not set" ? "" : " with a bearer token"}`;
  if (afterToken === "not set") return "Removed the Prometheus bearer token";
  return beforeToken === "not set" ? "Set a Prometheus bearer token" : "Replaced the Prometheus bearer token";
}

/**
 * Admins only: the URL decides where queries (and the bearer token) go. The token is never
 * returned or audited; the audit records only whether one is set.
 */
export async function setPrometheusSettings(actor: Actor | null, rawInput: unknown): Promise<PrometheusSettingsView> {
  const input = parseInput(prometheusSettingsSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const team = await tx.team.findUniqueOrThrow({
      where: { id: access.teamId },
      select: { prometheusUrl: true, prometheusToken: true },
    });
    // Without a URL there is nowhere to send a token, so removing the URL removes it too.
    const token = !input.url || input.clearToken ? null : (input.token ?? team.prometheusToken);
    const beforeToken: TokenState = team.prometheusToken ? "set" : "not set";
    const afterToken: TokenState = !token
      ? "not set"
      : team.prometheusToken && token !== team.prometheusToken
        ? "replaced"
        : "set";
    if (input.url === team.prometheusUrl && token === team.prometheusToken) return toPrometheusSettingsView(team);

    const updated = await tx.team.update({
      where: { id: access.teamId },
      data: { prometheusUrl: input.url, prometheusToken: token },
      select: { prometheusUrl: true, prometheusToken: true },
    });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "team.prometheus_updated",
      summary: summaryOf(team.prometheusUrl, input.url, beforeToken, afterToken),
      before: { url: team.prometheusUrl, token: beforeToken },
      after: { url: updated.prometheusUrl, token: afterToken },
    });
    return toPrometheusSettingsView(updated);
  });
}
