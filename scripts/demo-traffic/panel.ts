import type { PanelMember } from "./backfill-model";
import { servedAssignments } from "./assignments";
import type { GlidepathClient } from "./glidepath-client";
import { withRetry } from "./retry";
import { warn } from "./log";
import type { Random } from "./random";
import { evaluationContext, type SyntheticUser } from "./synthetic-users";

const CONCURRENCY = 8;

/**
 * Asks OFREP about a random sample of the pool, like the app's first few hundred requests,
 * to learn today's split for the back-fill. Null when aborted.
 */
export async function evaluatePanel(
  client: GlidepathClient,
  users: readonly SyntheticUser[],
  size: number,
  random: Random,
  signal: AbortSignal,
): Promise<PanelMember[] | null> {
  const indices = users.map((_, i) => i);
  const count = Math.min(size, users.length);
  // Partial Fisher–Yates: the first `count` indices become a uniform sample.
  for (let i = 0; i < count; i++) {
    const j = i + random.int(indices.length - i);
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  const sample = indices.slice(0, count).map((i) => users[i]!);
  const panel: PanelMember[] = [];
  let warned = false;
  let next = 0;
  const worker = async () => {
    while (next < sample.length && !signal.aborted) {
      const user = sample[next++]!;
      const flags = await withRetry(() => client.evaluateAll(evaluationContext(user), signal), {
        signal,
        onRetry: (error) => {
          if (!warned) warn(`evaluation failed: ${error.message}; retrying`);
          warned = true;
        },
      });
      if (!flags) return;
      panel.push({ user, served: servedAssignments(flags) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return signal.aborted ? null : panel;
}
