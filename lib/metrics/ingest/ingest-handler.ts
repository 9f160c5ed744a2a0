import type { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import type { EnvironmentSnapshot } from "@/lib/evaluation/environment-snapshot";
import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import type { MetricBuffer, PlannedObservation } from "../builtin/metric-buffer";
import type { MetricCatalog } from "./metric-catalog";
import type { FieldError } from "./apply-observation";
import type { DeferredObservation } from "./deferred-observations";
import { isFieldError, planObservation } from "./plan-observation";
import { MAX_INGEST_BYTES, MAX_OBSERVATIONS, observationSchema, timestampOf } from "./observation-schema";
import { admitIngest, INGEST_TOO_LARGE, type IngestAdmission } from "./ingest-admission";
import type { IngestRateLimits } from "@/lib/evaluation/ingest-rate-limits";

export type IngestRequest = { authorization: string | null; apiKey: string | null; body: string };
export type IngestResponse = { status: number; body: unknown | null; headers?: Record<string, string> };
export type IngestDeps = {
  store: EvaluationStore;
  catalog: MetricCatalog;
  buffer: MetricBuffer;
  limits?: IngestRateLimits | null;
  now?: () => number;
};

type ItemError = FieldError & { index: number };

// Enough to fix a client; a batch of 5,000 bad items should not answer with 5,000 messages.
const MAX_REPORTED_ERRORS = 100;

const cohortSets = new WeakMap<EnvironmentSnapshot, Set<string>>();
function cohortKeysOf(snapshot: EnvironmentSnapshot): Set<string> {
  let keys = cohortSets.get(snapshot);
  if (!keys) {
    keys = new Set([DEFAULT_COHORT_KEY, ...snapshot.cohorts.map((c) => c.key)]);
    cohortSets.set(snapshot, keys);
  }
  return keys;
}

const error = (status: number, message: string): IngestResponse => ({ status, body: { error: message } });

/**
 * POST /api/v1/metrics: a batch of observations for the SDK key's environment. Each item is
 * checked on its own; good ones are buffered (flushed to the store within seconds), bad ones
 * come back with their index and field.
 */
export async function handleMetricIngest(deps: IngestDeps, request: IngestRequest): Promise<IngestResponse> {
  const admission = await admitIngest(deps, request);
  return admission.ok ? ingestBatch(deps, admission, request.body) : admission.response;
}

/** The batch of an admitted key (transports admit from the headers before reading the body). */
export async function ingestBatch(
  deps: IngestDeps,
  admission: Extract<IngestAdmission, { ok: true }>,
  text: string,
): Promise<IngestResponse> {
  const { snapshot } = admission;
  if (text.length > MAX_INGEST_BYTES || Buffer.byteLength(text, "utf8") > MAX_INGEST_BYTES)
    return error(413, INGEST_TOO_LARGE);

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    return error(400, `Request body is not valid JSON: ${(cause as Error).message}`);
  }
  const observations = (parsed as { observations?: unknown } | null)?.observations;
  if (typeof parsed !== "object" || parsed === null || !Array.isArray(observations)) {
    return error(400, 'observations: the body must be {"observations": [...]}');
  }
  if (observations.length > MAX_OBSERVATIONS)
    return error(413, `observations: at most ${MAX_OBSERVATIONS} per request, got ${observations.length}`);
  const limited = deps.limits?.admitObservations(admission.keyHash, observations.length);
  if (limited) return limited;

  // Definitions come from memory: during a database outage they are the last ones read, and
  // items whose metric can't be looked up are deferred (202) rather than refused.
  const named = new Set<string>();
  for (const item of observations) {
    const metric = (item as { metric?: unknown } | null)?.metric;
    if (typeof metric === "string") named.add(metric);
  }
  const { metrics, current } = await deps.catalog.lookupFor(snapshot.teamId, named);
  const cohorts = cohortKeysOf(snapshot);
  const now = deps.now?.() ?? Date.now();
  const errors: ItemError[] = [];
  let rejected = 0;
  const reject = (index: number, fieldError: FieldError) => {
    rejected++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ index, ...fieldError });
  };
  const planned: PlannedObservation[] = [];
  const deferred: DeferredObservation[] = [];
  const capacity = deps.buffer.admission();

  for (let index = 0; index < observations.length; index++) {
    const result = observationSchema.safeParse(observations[index]);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      reject(index, { field: issue.path.join(".") || "observation", message: issue.message });
      continue;
    }
    const observation = result.data;
    const metric = metrics.get(observation.metric);
    if (!metric && current) {
      reject(index, { field: "metric", message: `no metric "${observation.metric}" in this team` });
      continue;
    }
    if (metric && metric.source !== "builtin") {
      reject(index, { field: "metric", message: `"${metric.key}" is read from Prometheus; send its data there` });
      continue;
    }
    if (!snapshot.releases.has(observation.release)) {
      reject(index, { field: "release", message: `no release "${observation.release}" in ${snapshot.environmentKey}` });
      continue;
    }
    if (!cohorts.has(observation.cohort)) {
      reject(index, {
        field: "cohort",
        message: `no cohort "${observation.cohort}" (use "default" for everyone else)`,
      });
      continue;
    }
    const at = timestampOf(observation, now);
    if (!at.ok) {
      reject(index, { field: "timestamp", message: at.message });
      continue;
    }
    const minute = Math.floor(at.at / 60_000);
    if (!metric) {
      deferred.push({ teamId: snapshot.teamId, environmentId: snapshot.environmentId, observation, minute });
      continue;
    }
    const plan = planObservation(observation, metric, snapshot.environmentId, minute);
    if (isFieldError(plan)) {
      reject(index, plan);
      continue;
    }
    // Past a limit the batch is refused whole: no need to check the rest.
    if (!capacity.admit(plan)) break;
    planned.push(plan);
  }
  // All or nothing: a client retries the same batch after a 503, so none of it may be kept.
  const full =
    capacity.close() ??
    (deferred.length > deps.buffer.deferred.room()
      ? { message: "Metric definitions can't be read and the queue of unchecked items is full", retryAfterSeconds: 5 }
      : null);
  if (full)
    return { status: 503, body: { error: full.message }, headers: { "retry-after": String(full.retryAfterSeconds) } };
  deps.buffer.apply(planned);
  deps.buffer.deferred.add(deferred);
  const accepted = observations.length - rejected;
  const body = { accepted, rejected, errors, ...(deferred.length > 0 ? { deferred: deferred.length } : {}) };
  // Nothing usable at all is a bad request; a partly good batch is stored and reported;
  // deferred items are taken but not checked yet (202).
  return { status: accepted === 0 && rejected > 0 ? 400 : deferred.length > 0 ? 202 : 200, body };
}
