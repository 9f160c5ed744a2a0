import { RetryableError, type GlidepathClient, type IngestResult } from "./glidepath-client";
import { withRetry } from "./retry";
import type { Observation } from "./observations";
import { warn } from "./log";

// The ingest endpoint takes up to 5,000 items and 1 MiB per request; stay clear of both.
export const MAX_ITEMS_PER_REQUEST = 5_000;
const MAX_BYTES_PER_REQUEST = 900 * 1024;

export function splitIntoRequests(observations: readonly Observation[]): Observation[][] {
  const requests: Observation[][] = [];
  let current: Observation[] = [];
  let bytes = 0;
  for (const observation of observations) {
    const size = JSON.stringify(observation).length + 1;
    if (current.length > 0 && (current.length >= MAX_ITEMS_PER_REQUEST || bytes + size > MAX_BYTES_PER_REQUEST)) {
      requests.push(current);
      current = [];
      bytes = 0;
    }
    current.push(observation);
    bytes += size;
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

export type SendTotals = { accepted: number; rejected: number; firstRejection: string | null };

/** How many of the observations (from the front) the server took, and why it stopped if not all. */
export type SendOutcome = { sent: number; error: RetryableError | null };

/**
 * Sends observations in as many requests as the limits need. With `retry`, each request is
 * retried until the server takes it or the signal aborts; without, the first retryable failure
 * ends the attempt (the live loop tries again on a later tick).
 */
export async function sendInChunks(
  client: GlidepathClient,
  observations: readonly Observation[],
  totals: SendTotals,
  signal: AbortSignal,
  retry = true,
): Promise<SendOutcome> {
  let sent = 0;
  for (const request of splitIntoRequests(observations)) {
    let warned = false;
    let result: IngestResult | null;
    try {
      result = retry
        ? await withRetry(() => client.sendObservations(request, signal), {
            signal,
            onRetry: (error, waitMs) => {
              if (!warned)
                warn(`sending metrics failed: ${error.message}; retrying (next in ${Math.ceil(waitMs / 1000)} s)`);
              warned = true;
            },
          })
        : await client.sendObservations(request, signal);
    } catch (error) {
      if (error instanceof RetryableError) return { sent, error };
      if (signal.aborted) return { sent, error: null };
      throw error;
    }
    if (!result) return { sent, error: null };
    if (warned) warn("sending metrics works again");
    sent += request.length;
    totals.accepted += result.accepted;
    totals.rejected += result.rejected;
    const first = result.errors[0];
    if (first && !totals.firstRejection)
      totals.firstRejection = `${request[first.index]?.metric ?? "?"} ${first.field} ${first.message}`;
  }
  return { sent, error: null };
}
