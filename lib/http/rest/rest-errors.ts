import { ConflictError, DomainError, isDomainError, UnauthenticatedError, ValidationError } from "@/lib/errors/domain-errors";
import type { RestError } from "./rest-schemas";

/** The body was not JSON at all (as opposed to JSON with bad fields: ValidationError). */
export class InvalidJsonError extends DomainError {
  readonly status = 400;
  readonly code = "invalid_json";
}

/** The body passed the automation API's cap; reading stopped there. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly code = "payload_too_large";
}

/** No credentials were sent: the 401 challenge then carries no `error` (RFC 6750 §3.1). */
export class MissingCredentialsError extends UnauthenticatedError {}

export type ErrorReply = { status: number; body: RestError; headers: Record<string, string> };

export const INTERNAL_ERROR_MESSAGE = "Something went wrong; nothing was changed. Try again.";

/**
 * Pure: the one mapping from a thrown error to the automation API's error reply. Expected
 * domain errors keep their status and message; anything else is a 500 that says nothing more.
 */
export function errorReply(error: unknown): ErrorReply {
  if (!isDomainError(error)) {
    return { status: 500, body: { error: { code: "internal", message: INTERNAL_ERROR_MESSAGE } }, headers: {} };
  }
  const body: RestError = { error: { code: error.code, message: error.message } };
  if (error instanceof ValidationError) body.error.fieldErrors = error.fieldErrors;
  if (error instanceof ConflictError && error.current !== undefined) body.error.current = error.current as RestError["error"]["current"];
  const headers: Record<string, string> = {};
  if (error.status === 401) {
    headers["WWW-Authenticate"] = error instanceof MissingCredentialsError ? 'Bearer realm="glidepath"' : 'Bearer realm="glidepath", error="invalid_token"';
  }
  return { status: error.status, body, headers };
}
