import type { DemoState } from "./demo-state";
import type { GlidepathClient } from "./glidepath-client";
import { formatCount, log, warn } from "./log";
import type { Observation } from "./observations";
import type { Random } from "./random";
import { seriesModels, simulateMinute, type PanelMember } from "./backfill-model";
import { MAX_ITEMS_PER_REQUEST, sendInChunks, type SendTotals } from "./send-in-chunks";

export type BackfillPlan = {
  client: GlidepathClient;
  panel: readonly PanelMember[];
  /** First minute to fill (epoch ms, on a minute boundary). */
  from: number;
  /** End, exclusive: the current minute is left to the live traffic. */
  to: number;
  visitsPerMinute: number;
  latencySamples: number;
  random: Random;
  state: DemoState;
  signal: AbortSignal;
};

const PROGRESS_EVERY_MS = 3_000;

/**
 * Sends back-dated per-minute aggregates from `from` to `to`, oldest first, so the charts have
 * history at once. Progress is remembered minute by minute: an interrupted back-fill resumes
 * where it stopped instead of sending hours twice. Returns false when aborted.
 */
export async function backfill(plan: BackfillPlan): Promise<boolean> {
  const models = seriesModels(plan.panel);
  const totalMinutes = Math.round((plan.to - plan.from) / 60_000);
  if (models.length === 0) {
    log("back-fill skipped: no release is rolling out in this environment");
    return true;
  }
  const releases = new Set(models.map((m) => m.assignment.release)).size;
  log(
    `back-filling ${formatHours(totalMinutes)} for ${releases} release${releases === 1 ? "" : "s"} (${models.length} cohort/variant series) …`,
  );

  const totals: SendTotals = { accepted: 0, rejected: 0, firstRejection: null };
  let pending: Observation[] = [];
  let lastProgress = Date.now();
  const flush = async (doneUntil: number) => {
    const { sent } = await sendInChunks(plan.client, pending, totals, plan.signal);
    if (sent < pending.length) return false;
    pending = [];
    plan.state.recordSentUntil(doneUntil);
    if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = Date.now();
      const done = Math.round((doneUntil - plan.from) / 60_000);
      log(
        `back-fill ${formatHours(done)} of ${formatHours(totalMinutes)} (${Math.round((100 * done) / totalMinutes)}%), ${formatCount(totals.accepted)} observations`,
      );
    }
    return true;
  };

  for (let minute = plan.from; minute < plan.to; minute += 60_000) {
    if (plan.signal.aborted) return false;
    const observations = simulateMinute(models, minute, plan.visitsPerMinute, plan.latencySamples, plan.random);
    if (pending.length > 0 && pending.length + observations.length > MAX_ITEMS_PER_REQUEST && !(await flush(minute)))
      return false;
    pending.push(...observations);
  }
  if (!(await flush(plan.to))) return false;
  log(`back-fill done: ${formatHours(totalMinutes)}, ${formatCount(totals.accepted)} observations accepted`);
  if (totals.rejected > 0)
    warn(`${formatCount(totals.rejected)} back-filled observations were refused, e.g. ${totals.firstRejection}`);
  return true;
}

function formatHours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h}:${String(m).padStart(2, "0")} h`;
}
