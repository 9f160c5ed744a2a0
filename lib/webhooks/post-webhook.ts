import { STATUS_CODES } from "node:http";
import type { AllowEntry } from "@/lib/outbound/allow-list";
import { BlockedDestinationError, type Lookup } from "@/lib/outbound/destination-check";
import { guardedPost, RequestTimeoutError } from "@/lib/outbound/guarded-post";
import { signWebhookBody } from "./webhook-signature";

export const WEBHOOK_TIMEOUT_MS = 5_000;
export const WEBHOOK_USER_AGENT = "Glidepath-Webhooks";

/**
 * A failed attempt says what happened twice: `error`, a summary every member may read (status,
 * a short reason: nothing the receiver wrote), and `detail`, what the receiver or the network
 * said (body, redirect target, addresses), for admins only.
 */
export type WebhookAttempt =
  { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string; detail: string | null };

export type PostWebhookInput = {
  url: string;
  secret: string;
  body: string;
  event: string;
  deliveryId: string;
  /** Signed into the request; the receiver compares it with its own clock. */
  timestampSeconds: number;
  /** Internal destinations the team's admins allow. */
  allow: readonly AllowEntry[];
  timeoutMs?: number;
  /** The resolver under the destination check (tests point it at their own DNS server). */
  resolve?: Lookup;
};

/**
 * One signed POST. Resolves with the outcome, never rejects: 2xx is delivered, anything else
 * (another status, a redirect, a timeout, no connection, an internal address) is a failed
 * attempt with a reason a person can act on.
 */
export async function postWebhook(input: PostWebhookInput): Promise<WebhookAttempt> {
  const timeoutMs = input.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  try {
    const response = await guardedPost({
      url: input.url,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": WEBHOOK_USER_AGENT,
        "X-Glidepath-Event": input.event,
        "X-Glidepath-Delivery": input.deliveryId,
        "X-Glidepath-Timestamp": String(input.timestampSeconds),
        "X-Glidepath-Signature": signWebhookBody(input.secret, input.timestampSeconds, input.body),
      },
      body: input.body,
      timeoutMs,
      allow: input.allow,
      resolve: input.resolve,
    });
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    const snippet = oneLine(response.body);
    const detail = [response.location ? `Location: ${response.location}` : null, snippet ? `Body: ${snippet}` : null]
      .filter(Boolean)
      .join("\n");
    return { ok: false, statusCode: response.status, error: statusSummary(response.status), detail: detail || null };
  } catch (error) {
    return { ok: false, statusCode: null, ...describeRequestError(error, timeoutMs) };
  }
}

/** What every member sees of an HTTP answer: the status and its standard name, never its content. */
export function statusSummary(status: number): string {
  if (status >= 300 && status < 400) return `HTTP ${status} (redirects are not followed)`;
  const phrase = STATUS_CODES[status];
  return phrase ? `HTTP ${status} ${phrase}` : `HTTP ${status}`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  ECONNRESET: "Connection reset",
  ENOTFOUND: "Host not found",
  EAI_AGAIN: "DNS lookup failed",
  EHOSTUNREACH: "Host unreachable",
  ENETUNREACH: "Network unreachable",
  ETIMEDOUT: "Connect timed out",
  EPIPE: "Connection closed by the receiver",
};

export function describeRequestError(error: unknown, timeoutMs: number): { error: string; detail: string | null } {
  if (error instanceof RequestTimeoutError) return { error: `Timed out after ${timeoutMs / 1000} s`, detail: null };
  if (error instanceof BlockedDestinationError) {
    return {
      error: `Refused: the destination is an internal address (${error.kind}); an admin can allow it on the Webhooks page`,
      detail: error.message,
    };
  }
  const failure = error as (Error & { code?: string; errors?: (Error & { code?: string })[] }) | undefined;
  // A refused dual-stack connect is an AggregateError of both attempts.
  const code = failure?.code ?? failure?.errors?.find((e) => e.code)?.code;
  const message =
    failure instanceof Error
      ? failure.message || failure.errors?.map((e) => e.message).join("; ") || String(error)
      : String(error);
  if (code) return { error: `${CONNECT_ERRORS[code] ?? "Request failed"} (${code})`, detail: message };
  return { error: "Request failed", detail: message };
}
