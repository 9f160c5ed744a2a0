import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** `whsec_` + 32 random bytes, base64url: shown once, stored as is (the sender needs it). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/**
 * `X-Glidepath-Signature`: `sha256=` + hex HMAC-SHA256 over `${timestamp}.${body}` keyed with
 * the secret. Signing the timestamp lets a receiver refuse replays of old deliveries.
 */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** What a receiver does (docs/webhooks.md has the same thing to copy). */
export function verifyWebhookSignature(
  secret: string,
  input: { signature: string | null | undefined; timestamp: string | null | undefined; body: string },
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
  const timestamp = Number(input.timestamp);
  if (!input.signature || !Number.isInteger(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhookBody(secret, timestamp, input.body));
  const given = Buffer.from(input.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the page shows to recognise a secret without revealing it. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}
