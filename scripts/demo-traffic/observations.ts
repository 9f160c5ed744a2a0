import type { Variant } from "../../lib/metrics/metric-types";
import type { Assignment, VisitOutcome } from "./app-model";

/** One item of POST /api/v1/metrics (see lib/metrics/ingest/observation-schema.ts). */
export type Observation = {
  metric: string;
  release: string;
  cohort: string;
  variant: Variant;
  value?: number;
  count?: number;
  sum?: number;
  timestamp?: number;
};

/** The demo team's built-in metrics (lib/seed/demo-metrics.ts) that the simulated shop reports. */
export const DEMO_METRIC_KEYS = { errorRate: "error-rate", latency: "latency", checkouts: "checkouts" } as const;

type Counter = { assignment: Assignment; requests: number; errors: number; checkouts: number };

/**
 * What the simulated shop has measured since its last send, the way a metrics SDK would hold
 * it: request and error counters per series, latency samples one by one.
 */
export class ObservationBatch {
  private counters = new Map<string, Counter>();
  private latencies: Observation[] = [];

  add(assignment: Assignment, outcome: VisitOutcome): void {
    const id = `${assignment.release}\u0000${assignment.cohort}\u0000${assignment.variant}`;
    let counter = this.counters.get(id);
    if (!counter) {
      counter = { assignment, requests: 0, errors: 0, checkouts: 0 };
      this.counters.set(id, counter);
    }
    counter.requests += outcome.requests;
    counter.errors += outcome.errors;
    counter.checkouts += outcome.checkouts;
    for (const value of outcome.latencies)
      this.latencies.push({ metric: DEMO_METRIC_KEYS.latency, ...assignment, value });
  }

  get isEmpty(): boolean {
    return this.counters.size === 0;
  }

  /** Everything measured so far, stamped with `at`; the batch starts over empty. */
  drain(at: number): Observation[] {
    const drained: Observation[] = [];
    for (const { assignment, requests, errors, checkouts } of this.counters.values()) {
      drained.push({ metric: DEMO_METRIC_KEYS.errorRate, ...assignment, count: requests, sum: errors, timestamp: at });
      if (checkouts > 0)
        drained.push({ metric: DEMO_METRIC_KEYS.checkouts, ...assignment, value: checkouts, timestamp: at });
    }
    for (const sample of this.latencies) drained.push({ ...sample, timestamp: at });
    this.counters = new Map();
    this.latencies = [];
    return drained;
  }
}
