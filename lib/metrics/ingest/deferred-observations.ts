import type { MetricBuffer } from "../builtin/metric-buffer";
import type { MetricCatalog } from "./metric-catalog";
import type { Observation } from "./observation-schema";
import { isFieldError, planObservation } from "./plan-observation";

/** An item that passed every check but its metric's, waiting for the definitions to be readable. */
export type DeferredObservation = { teamId: string; environmentId: string; observation: Observation; minute: number };

/**
 * Items for metrics the process can't look up because the database can't be read (a team
 * whose definitions were never loaded, or a metric added since the last read). They are
 * accepted (202) and checked once the definitions can be read, instead of refusing data the
 * outage isn't the client's fault for. Bounded; a full queue answers 503 with Retry-After.
 */
export class DeferredObservations {
  private items: DeferredObservation[] = [];
  /** Items dropped when finally checked: their metric doesn't exist or they break its rules. */
  refusedLater = 0;

  constructor(readonly capacity = 50_000) {}

  get size(): number {
    return this.items.length;
  }

  room(): number {
    return this.capacity - this.items.length;
  }

  add(items: readonly DeferredObservation[]): void {
    this.items.push(...items);
  }

  private settling: Promise<void> = Promise.resolve();

  /** Checks and buffers what can be checked now; keeps the rest (definitions still unreadable, or the buffer full). */
  settle(catalog: MetricCatalog, buffer: MetricBuffer): Promise<void> {
    // One at a time: a flush waits for a settle the definitions update started.
    this.settling = this.settling.then(() => this.settleOnce(catalog, buffer));
    return this.settling;
  }

  private async settleOnce(catalog: MetricCatalog, buffer: MetricBuffer): Promise<void> {
    if (this.items.length === 0) return;
    const waiting = this.items;
    this.items = [];
    const kept: DeferredObservation[] = [];
    let refused = 0;
    for (const teamId of new Set(waiting.map((d) => d.teamId))) {
      const team = waiting.filter((d) => d.teamId === teamId);
      const { metrics, current } = await catalog.lookup(teamId);
      const planned = [];
      const plannedItems: DeferredObservation[] = [];
      for (const item of team) {
        const metric = metrics.get(item.observation.metric);
        if (!metric) {
          if (current) refused++;
          else kept.push(item);
          continue;
        }
        const plan = planObservation(item.observation, metric, item.environmentId, item.minute);
        if (isFieldError(plan)) refused++;
        else {
          planned.push(plan);
          plannedItems.push(item);
        }
      }
      if (buffer.refusal(planned)) kept.push(...plannedItems);
      else buffer.apply(planned);
    }
    this.items.push(...kept);
    if (refused > 0) {
      this.refusedLater += refused;
      console.warn(
        `[metrics] ${refused} observations accepted during a database outage were refused once their metric could be checked (unknown metric or out of range)`,
      );
    }
  }
}
