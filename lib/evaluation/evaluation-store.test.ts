import { describe, expect, it } from "vitest";
import { EvaluationStore } from "./evaluation-store";
import type { SnapshotSource } from "./snapshot-worker-client";

/** A source whose polls finish only when the test says so. */
function controlledSource() {
  const polls: { finish: () => void }[] = [];
  const source: SnapshotSource = {
    poll: () =>
      new Promise((resolve) => {
        polls.push({ finish: () => resolve({ versions: [], environments: [] }) });
      }),
    close: async () => undefined,
  };
  return { source, polls };
}

describe("EvaluationStore.refresh", () => {
  it("waits for a read that starts after the call, not for one already in flight", async () => {
    const { source, polls } = controlledSource();
    const store = new EvaluationStore(source);
    const first = store.refresh();
    let secondDone = false;
    const second = store.refresh().then(() => (secondDone = true));
    expect(polls).toHaveLength(1);

    polls[0]!.finish();
    await first;
    await expect.poll(() => polls.length).toBe(2);
    expect(secondDone).toBe(false);

    polls[1]!.finish();
    await second;
    expect(secondDone).toBe(true);
  });

  it("callers who ask while a read is queued share the queued read", async () => {
    const { source, polls } = controlledSource();
    const store = new EvaluationStore(source);
    const inFlight = store.refresh();
    const a = store.refresh();
    const b = store.refresh();
    polls[0]!.finish();
    await inFlight;
    await expect.poll(() => polls.length).toBe(2);
    polls[1]!.finish();
    await Promise.all([a, b]);
    expect(polls).toHaveLength(2);
  });
});
