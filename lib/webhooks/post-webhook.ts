import { signWebhookBody } from "./webhook-signature";

export const WEBHOOK_TIMEOUT_MS = 5_000;
export const WEBHOOK_USER_AGENT = "Glidepath-Webhooks";

export type WebhookAttempt = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

export type PostWebhookInput = {
  url: string;
  secret: string;
  body: string;
  event: string;
  deliveryId: string;
  /** Signed into the request; the receiver compares it with its own clock. */
  timestampSeconds: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * One signed POST. Resolves with the outcome, never rejects: 2xx is delivered, anything else
 * (another status, a redirect, a timeout, no connection) is a failed attempt with a reason a
 * person can act on.
 */
export async function postWebhook(input: PostWebhookInput): Promise<WebhookAttempt> {
  const timeoutMs = input.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  try {
    const response = await (input.fetch ?? fetch)(input.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": WEBHOOK_USER_AGENT,
        "X-Glidepath-Event": input.event,
        "X-Glidepath-Delivery": input.deliveryId,
        "X-Glidepath-Timestamp": String(input.timestampSeconds),
        "X-Glidepath-Signature": signWebhookBody(input.secret, input.timestampSeconds, input.body),
      },
      body: input.body,
      // A redirect would resend a signed body somewhere the admin never chose.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, statusCode: response.status };
    }
    const snippet = await readSnippet(response);
    const redirect = response.status >= 300 && response.status < 400 ? ` (redirects are not followed${response.headers.get("location") ? `: ${response.headers.get("location")}` : ""})` : "";
    return { ok: false, statusCode: response.status, error: `HTTP ${response.status}${redirect}${snippet ? `: ${snippet}` : ""}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: describeFetchError(error, timeoutMs) };
  }
}

/** The first few hundred bytes of an error response (Slack says e.g. "invalid_token"). */
async function readSnippet(response: Response, maxBytes = 1024): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // a body cut short is still worth showing
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset",
  ENOTFOUND: "Host not found",
  EAI_AGAIN: "DNS lookup failed",
  EHOSTUNREACH: "Host unreachable",
  ENETUNREACH: "Network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "Connect timed out",
  UND_ERR_SOCKET: "Connection closed by the receiver",
};

export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `Timed out after ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as (Error & { code?: string; errors?: (Error & { code?: string })[] }) | undefined) : undefined;
  // Node reports a refused dual-stack connect as an AggregateError of both attempts.
  const code = cause?.code ?? cause?.errors?.find((e) => e.code)?.code;
  if (code) return `${CONNECT_ERRORS[code] ?? "Request failed"} (${code})`;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
