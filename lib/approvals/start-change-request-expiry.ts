import "server-only";
import { expireChangeRequests } from "./expire-change-requests";

const SWEEP_INTERVAL_MS = 60_000;
const state = globalThis as unknown as { glidepathExpirySweeper?: NodeJS.Timeout };

/**
 * Expires overdue change requests about once a minute, so their audit events and notifications
 * go out even when nobody opens a page. Reads expire them too; this only covers quiet times.
 */
export function startChangeRequestExpiry(intervalMs = SWEEP_INTERVAL_MS): void {
  if (state.glidepathExpirySweeper) return;
  state.glidepathExpirySweeper = setInterval(() => {
    expireChangeRequests().catch((error) => console.error("[approvals] expiring requests failed", error));
  }, intervalMs);
  state.glidepathExpirySweeper.unref();
}
