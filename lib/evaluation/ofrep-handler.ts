import { evaluate, type Evaluation } from "@/lib/domain/evaluate";
import { murmur3 } from "@/lib/domain/murmur3";
import { eventStreamsFor } from "./change-stream";
import { cachedKeyHash, presentedKey } from "./presented-key";
import type { EnvironmentSnapshot } from "./environment-snapshot";
import type { EvaluationStore } from "./evaluation-store";
import type { RateLimiter } from "./rate-limiter";

/** Where answered evaluations are counted (the built-in metrics' exposure counter); evaluation only needs this much of it. */
export type ExposureRecorder = {
  record(environmentId: string, releaseKey: string, evaluation: Evaluation, keyHash: number): void;
};

export const MAX_BODY_BYTES = 64 * 1024;

/** What a client presents before its body: enough to refuse it without reading the body. */
export type OfrepCredentials = { authorization: string | null; apiKey: string | null };

export type OfrepQuery = {
  /** `null` for bulk evaluation, the flag key for a single one. */
  flagKey: string | null;
  ifNoneMatch: string | null;
  body: string;
  /** Public origin of this server; when known, bulk answers advertise the change stream. */
  origin?: string | null;
};

export type OfrepRequest = OfrepCredentials & OfrepQuery;

/** The key hash of an admitted request, or the refusal to send instead. */
export type OfrepAdmission = { ok: true; keyHash: string } | { ok: false; response: OfrepResponse };

export type OfrepResponse = { status: number; headers: Record<string, string>; body: string | null };

// Evaluations are per user and change with the config: never cache them in between.
const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

// Web SDKs call from other origins with a client-side SDK key (not a secret in a browser).
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "authorization, x-api-key, content-type, if-none-match",
  "access-control-expose-headers": "etag, retry-after",
  "access-control-max-age": "600",
};

function json(status: number, payload: unknown, headers: Record<string, string> = {}): OfrepResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(payload) };
}

type ParsedContext =
  | { ok: true; context: Record<string, unknown> & { targetingKey: string } }
  | { ok: false; code: string; details: string };

function parseContext(body: string): ParsedContext {
  let parsed: unknown;
  try {
    parsed = body.trim() === "" ? {} : JSON.parse(body);
  } catch (error) {
    return { ok: false, code: "PARSE_ERROR", details: `Request body is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, code: "PARSE_ERROR", details: 'Request body must be a JSON object like {"context": {...}}' };
  }
  const context = (parsed as { context?: unknown }).context;
  if (context === undefined)
    return { ok: false, code: "TARGETING_KEY_MISSING", details: "context.targetingKey is required" };
  if (typeof context !== "object" || context === null || Array.isArray(context)) {
    return { ok: false, code: "INVALID_CONTEXT", details: "context must be an object" };
  }
  const targetingKey = (context as { targetingKey?: unknown }).targetingKey;
  if (targetingKey === undefined || targetingKey === null || targetingKey === "") {
    return { ok: false, code: "TARGETING_KEY_MISSING", details: "context.targetingKey is required" };
  }
  if (typeof targetingKey !== "string")
    return { ok: false, code: "INVALID_CONTEXT", details: "context.targetingKey must be a string" };
  if (targetingKey.length > 256)
    return { ok: false, code: "INVALID_CONTEXT", details: "context.targetingKey must be at most 256 characters" };
  return { ok: true, context: context as Record<string, unknown> & { targetingKey: string } };
}

function success(key: string, result: Evaluation, snapshot: EnvironmentSnapshot, stale: boolean) {
  return {
    key,
    value: result.value,
    reason: result.reason,
    variant: result.variant,
    metadata: {
      cohort: result.cohortKey,
      status: result.status,
      environment: snapshot.environmentKey,
      configVersion: snapshot.configVersion,
      ...(result.bucket === null ? {} : { bucket: result.bucket }),
      // The database could not be reached: this answer comes from the last good snapshot.
      ...(stale ? { snapshotStale: true } : {}),
    },
  };
}

function bodyTooLarge(body: string): boolean {
  // UTF-8 takes 1–3 bytes per UTF-16 unit: only measure when the length can't decide.
  if (body.length > MAX_BODY_BYTES) return true;
  if (body.length * 3 <= MAX_BODY_BYTES) return false;
  return Buffer.byteLength(body, "utf8") > MAX_BODY_BYTES;
}

/** The 413 of either transport, in OFREP's error shape. */
export function bodyTooLargeResponse(flagKey: string | null): OfrepResponse {
  return json(413, {
    ...(flagKey !== null ? { key: flagKey } : {}),
    errorCode: "GENERAL",
    errorDetails: `Request body exceeds ${MAX_BODY_BYTES} bytes`,
  });
}

/**
 * OFREP over any transport (Next.js route handlers and the standalone server share it):
 * https://github.com/open-feature/protocol/blob/main/service/openapi.yaml
 * Synchronous once the store has loaded, so the hot path allocates no promises.
 */
export function handleOfrep(
  store: EvaluationStore,
  limiter: RateLimiter | null,
  request: OfrepRequest,
  exposures: ExposureRecorder | null = null,
): OfrepResponse | Promise<OfrepResponse> {
  const admission = admitOfrep(store, limiter, request);
  if (admission instanceof Promise)
    return admission.then((a) => (a.ok ? answerOfrep(store, a.keyHash, request, exposures) : a.response));
  return admission.ok ? answerOfrep(store, admission.keyHash, request, exposures) : admission.response;
}

/**
 * Step one, from the headers alone: transports call it before reading a byte of the body, so
 * a request without a valid key, or over its rate, costs no body reading at all.
 */
export function admitOfrep(
  store: EvaluationStore,
  limiter: RateLimiter | null,
  credentials: OfrepCredentials,
): OfrepAdmission | Promise<OfrepAdmission> {
  const key = presentedKey(credentials.authorization, credentials.apiKey);
  if (!key)
    return {
      ok: false,
      response: {
        status: 401,
        headers: { "www-authenticate": 'Bearer realm="ofrep"', "cache-control": "no-store" },
        body: null,
      },
    };
  if (store.isReady()) return admitKey(store, limiter, key);
  return store.start().then(
    () => admitKey(store, limiter, key),
    // The server's fault, not the request's: 503, and the SDK tries again.
    () => ({
      ok: false,
      response: json(
        503,
        { errorDetails: "Flag configuration is not available yet; the database could not be reached" },
        { "retry-after": "1" },
      ),
    }),
  );
}

function admitKey(store: EvaluationStore, limiter: RateLimiter | null, key: string): OfrepAdmission {
  const keyHash = cachedKeyHash(key);
  // No credentials → 401; credentials that don't grant evaluation (unknown, revoked, or not an
  // SDK key) → 403. Neither has a body, so nothing about keys leaks.
  if (!store.environmentForKey(keyHash)) return { ok: false, response: { status: 403, headers: {}, body: null } };
  const retryAfter = limiter?.take(keyHash) ?? 0;
  if (retryAfter > 0)
    return {
      ok: false,
      response: json(
        429,
        { errorDetails: "Rate limit exceeded for this SDK key" },
        { "retry-after": String(retryAfter) },
      ),
    };
  return { ok: true, keyHash };
}

/** Step two, with the body read (under the cap) for an admitted key. */
export function answerOfrep(
  store: EvaluationStore,
  keyHash: string,
  request: OfrepQuery,
  exposures: ExposureRecorder | null,
): OfrepResponse {
  const snapshot = store.environmentForKey(keyHash);
  // Revoked while its body was on the wire.
  if (!snapshot) return { status: 403, headers: {}, body: null };

  if (bodyTooLarge(request.body)) return bodyTooLargeResponse(request.flagKey);
  const parsed = parseContext(request.body);
  if (!parsed.ok) {
    return json(400, {
      ...(request.flagKey !== null ? { key: request.flagKey } : {}),
      errorCode: parsed.code,
      errorDetails: parsed.details,
    });
  }

  if (request.flagKey !== null) {
    const release = snapshot.releases.get(request.flagKey);
    if (!release)
      return json(404, {
        key: request.flagKey,
        errorCode: "FLAG_NOT_FOUND",
        errorDetails: `No release "${request.flagKey}" in ${snapshot.environmentKey}`,
      });
    const result = evaluate(release, snapshot.cohorts, parsed.context);
    exposures?.record(snapshot.environmentId, request.flagKey, result, murmur3(parsed.context.targetingKey));
    return json(200, success(request.flagKey, result, snapshot, store.stale));
  }

  // The answer depends only on the config version and the context, so that is the ETag.
  const etag = `"${snapshot.configVersion.toString(36)}-${murmur3(request.body).toString(36)}"`;
  if (request.ifNoneMatch && request.ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
    return { status: 304, headers: { etag }, body: null };
  }
  const flags = [];
  const userHash = exposures ? murmur3(parsed.context.targetingKey) : 0;
  for (const [flagKey, release] of snapshot.releases) {
    const result = evaluate(release, snapshot.cohorts, parsed.context);
    exposures?.record(snapshot.environmentId, flagKey, result, userHash);
    flags.push(success(flagKey, result, snapshot, store.stale));
  }
  const eventStreams = request.origin ? { eventStreams: eventStreamsFor(request.origin, keyHash) } : {};
  return json(200, { flags, ...eventStreams }, { etag });
}
