import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { readGuardrailData } from "@/lib/metrics/guardrail-data/read-guardrail-data";
import { releaseLease } from "./controller-lease";
import { CONTROLLER_LEASE_NAME, runControllerTick } from "./run-controller-tick";

const DEFAULT_TICK_MS = 60_000;
const state = globalThis as unknown as { glidepathPlanController?: { timer: NodeJS.Timeout; holder: string } };

/** GLIDEPATH_PLAN_TICK_MS: how often the controller looks (tests shorten it); at least 200 ms. */
export function planTickMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GLIDEPATH_PLAN_TICK_MS;
  if (raw === undefined || raw === "") return DEFAULT_TICK_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 200)
    throw new Error(`GLIDEPATH_PLAN_TICK_MS must be a whole number of milliseconds ≥ 200, not "${raw}"`);
  return ms;
}

/**
 * Runs the plan controller in this process, as the expiry sweep does. Any number of processes
 * may run it: the lease makes one act at a time, and another takes over within a few ticks
 * when that one stops.
 */
export function startPlanController(tickMs = planTickMsFromEnv()): void {
  if (state.glidepathPlanController) return;
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runControllerTick({
      db: getDb(),
      inTransaction,
      holder,
      now: new Date(),
      leaseMs: Math.max(3 * tickMs, 5_000),
      readData: readGuardrailData,
    })
      .catch((error) => console.error("[plans] controller tick failed", error))
      .finally(() => {
        running = false;
      });
  }, tickMs);
  timer.unref();
  state.glidepathPlanController = { timer, holder };
  const stop = () => {
    clearInterval(timer);
    void releaseLease(getDb(), { name: CONTROLLER_LEASE_NAME, holder }).catch(() => undefined);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
