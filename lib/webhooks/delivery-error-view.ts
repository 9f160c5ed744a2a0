import { statusSummary } from "./post-webhook";

type DeliveryOutcome = { lastStatusCode: number | null; lastError: string | null; lastResponse: string | null };

/**
 * What a member sees of a delivery's last failure. Admins: the summary and what the receiver
 * or the network said (its body, a redirect's Location, the addresses tried). Everyone else:
 * the summary only — for an HTTP answer rebuilt from the status, so that rows written before
 * summaries existed (their lastError quoted the body) show nothing more either.
 */
export function deliveryErrorView(
  row: DeliveryOutcome,
  isAdmin: boolean,
): { lastError: string | null; lastResponse: string | null } {
  if (isAdmin) return { lastError: row.lastError, lastResponse: row.lastResponse };
  const lastError =
    row.lastStatusCode !== null && row.lastError !== null ? statusSummary(row.lastStatusCode) : row.lastError;
  return { lastError, lastResponse: null };
}
