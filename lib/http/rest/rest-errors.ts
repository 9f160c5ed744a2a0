import { DomainError, UnauthenticatedError } from "@/lib/errors/domain-errors";
import { errorResponse, type ErrorResponse } from "@/lib/errors/error-response";

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

/** The automation API's error body: the shared error response without its status. */
export type RestErrorBody = { error: Omit<ErrorResponse, "status"> };

export type ErrorReply = { status: number; body: RestErrorBody; headers: Record<string, string> };

/**
 * The automation API's error reply: the shared mapping (lib/errors/error-response.ts) as
 * `{ error: { code, message, fieldErrors?, current? } }`, and the bearer challenge on a 401.
 * Anything unexpected is logged once, as `[rest] <where> failed`.
 */
export function errorReply(error: unknown, where = "request"): ErrorReply {
  const { status, ...body } = errorResponse(error, `[rest] ${where} failed`);
  const headers: Record<string, string> = {};
  if (status === 401) {
    headers["WWW-Authenticate"] =
      error instanceof MissingCredentialsError
        ? 'Bearer realm="glidepath"'
        : 'Bearer realm="glidepath", error="invalid_token"';
  }
  return { status, body: { error: body }, headers };
}
