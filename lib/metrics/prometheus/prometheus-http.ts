/**
 * One request to the Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/),
 * with every way it can fail turned into a MetricsBackendError whose message says what happened
 * and never contains the token. The message may quote Prometheus (or whatever answers at that
 * URL: it usually sits on an internal network), so it goes to admins only; the summary — a
 * status and a reason of ours — is what other members see.
 */
import { STATUS_CODES } from "node:http";
import { MetricsBackendError } from "../metric-types";

export type PrometheusConnection = {
  url: string;
  token?: string | null;
  fetch: typeof fetch;
  timeoutMs: number;
};

export type PrometheusSample = [number, string];
export type PrometheusSeries = {
  metric: Record<string, string>;
  values?: PrometheusSample[];
  value?: PrometheusSample;
};
export type PrometheusData =
  | { resultType: "matrix" | "vector"; result: PrometheusSeries[] }
  | { resultType: "scalar" | "string"; result: PrometheusSample };

type ApiPath = "/api/v1/query" | "/api/v1/query_range";

function endpointOf(base: string, path: ApiPath): { endpoint: string; where: string } {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new MetricsBackendError("The Prometheus URL is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new MetricsBackendError("The Prometheus URL must start with http:// or https://");
  // Name the server in messages without any user:password it may carry.
  const where = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  return { endpoint: url.toString(), where };
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(error);
}

function networkCode(error: unknown): string {
  const cause = (error instanceof Error ? error.cause : undefined) as
    (Error & { code?: string; errors?: { code?: string }[] }) | undefined;
  return cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? "network error";
}

// Prometheus' documented errorType values; anything else is not echoed to non-admins.
const ERROR_TYPES = new Set([
  "timeout",
  "canceled",
  "execution",
  "bad_data",
  "internal",
  "unavailable",
  "not_found",
  "not_acceptable",
]);

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type ApiEnvelope = { status?: unknown; data?: unknown; errorType?: unknown; error?: unknown };

function isEnvelope(body: unknown): body is ApiEnvelope {
  return typeof body === "object" && body !== null && "status" in body;
}

function isData(data: unknown): data is PrometheusData {
  if (typeof data !== "object" || data === null) return false;
  const { resultType, result } = data as { resultType?: unknown; result?: unknown };
  if (resultType === "matrix" || resultType === "vector") return Array.isArray(result);
  if (resultType === "scalar" || resultType === "string") return Array.isArray(result) && result.length === 2;
  return false;
}

function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** POSTs the form parameters (Prometheus accepts POST on both query endpoints; no URL length limit). */
export async function queryPrometheusApi(
  connection: PrometheusConnection,
  path: ApiPath,
  params: Record<string, string>,
): Promise<PrometheusData> {
  const { endpoint, where } = endpointOf(connection.url, path);
  const token = connection.token || null;
  // A proxy may echo request headers into an error page; the token never reaches a message.
  const redact = (text: string) => (token ? text.split(token).join("[redacted]") : text);
  const fail = (message: string, summary: string, cause?: unknown): never => {
    throw new MetricsBackendError(redact(message), { cause, summary: redact(summary) });
  };

  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  if (token) headers.Authorization = `Bearer ${token}`;

  let status: number;
  let statusText: string;
  let contentType: string;
  let text: string;
  try {
    const response = await connection.fetch(endpoint, {
      method: "POST",
      headers,
      body: new URLSearchParams(params).toString(),
      // Following a redirect would resend the query (and, same-origin, the token) somewhere the
      // team didn't configure; say where it points instead.
      redirect: "manual",
      signal: AbortSignal.timeout(connection.timeoutMs),
    });
    status = response.status;
    statusText = response.statusText;
    contentType = response.headers.get("content-type") ?? "";
    if (status >= 300 && status < 400) {
      const location = response.headers.get("location");
      await response.body?.cancel();
      return fail(
        `Prometheus at ${where} answered HTTP ${status}, a redirect${location ? ` to ${oneLine(location)}` : ""}; configure the final URL`,
        `Prometheus answered HTTP ${status}, a redirect (not followed); an admin should configure the final URL`,
      );
    }
    text = await response.text();
  } catch (error) {
    if (error instanceof MetricsBackendError) throw error;
    if (isTimeout(error))
      return fail(
        `Prometheus at ${where} did not answer within ${connection.timeoutMs / 1000} s`,
        `Prometheus did not answer within ${connection.timeoutMs / 1000} s`,
        error,
      );
    return fail(
      `Prometheus at ${where} is unreachable: ${networkReason(error)}`,
      `Prometheus is unreachable (${networkCode(error)})`,
      error,
    );
  }

  const body = parseJson(text);
  if (isEnvelope(body) && body.status === "error") {
    const kind = typeof body.errorType === "string" ? body.errorType : "error";
    const detail = typeof body.error === "string" ? body.error : "no message";
    return fail(
      `Prometheus refused the query (${kind}, HTTP ${status}): ${detail}`,
      `Prometheus refused the query (${ERROR_TYPES.has(kind) ? kind : "error"}, HTTP ${status})`,
    );
  }
  if (status < 200 || status >= 300) {
    const hint = status === 401 || status === 403 ? " (check the bearer token)" : "";
    const excerpt = contentType.startsWith("text/plain") && text.trim() ? `: ${oneLine(text)}` : "";
    const phrase = STATUS_CODES[status];
    return fail(
      `Prometheus at ${where} answered HTTP ${status}${statusText ? ` ${statusText}` : ""}${hint}${excerpt}`,
      `Prometheus answered HTTP ${status}${phrase ? ` ${phrase}` : ""}${hint}`,
    );
  }
  if (body === undefined) {
    return fail(
      `Prometheus at ${where} answered with something other than JSON; is the URL that of a Prometheus server?`,
      "Prometheus answered with something other than JSON; is the URL that of a Prometheus server?",
    );
  }
  if (!isEnvelope(body) || body.status !== "success" || !isData(body.data)) {
    return fail(
      `Prometheus at ${where} answered JSON that is not a Prometheus query result`,
      "Prometheus answered JSON that is not a Prometheus query result",
    );
  }
  return body.data;
}
