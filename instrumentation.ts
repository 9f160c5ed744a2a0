// Runs once when a Next.js server starts (https://nextjs.org/docs/app/guides/instrumentation):
// background work that belongs to the dashboard process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // A mistyped rate limit must stop the start (Next.js would only log a thrown error and go on),
  // not surface later as a 500 on every SDK request.
  const { sdkRateLimiterFromEnv } = await import("./lib/evaluation/rate-limit-settings");
  const { ingestRateLimitsFromEnv } = await import("@/lib/evaluation/ingest-rate-limits");
  const { planTickMsFromEnv, startPlanController } = await import("@/lib/plans/controller/start-plan-controller");
  try {
    sdkRateLimiterFromEnv();
    ingestRateLimitsFromEnv();
    planTickMsFromEnv();
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // Team webhooks: sends the outbox rows that changes enqueue in their own transactions.
  const { startWebhookDispatcher } = await import("./lib/webhooks/webhook-dispatcher");
  startWebhookDispatcher();
  // Change requests past their time expire (audited, notified) even when nobody reads them.
  const { startChangeRequestExpiry } = await import("@/lib/approvals/start-change-request-expiry");
  startChangeRequestExpiry();
  // Rollout plans take their steps, hold and roll back on harm even when nobody is looking.
  startPlanController();
  // The metrics flush worker starts with the server rather than at the first evaluation, so a
  // crash journal a killed process left behind is replayed at once.
  const { metricsRuntime } = await import("./lib/metrics/builtin/metrics-runtime");
  metricsRuntime();
}
