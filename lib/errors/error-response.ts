import { ConflictError, isDomainError, ValidationError, type FieldErrors } from "./domain-errors";

/**
 * What a caller is told about a thrown error, whatever the transport: the HTTP status the REST
 * API answers with, a stable code, a message safe to show, the fields at fault on a validation
 * error, and on a conflict that carries it the state the change ran into.
 */
export type ErrorResponse = {
  status: number;
  code: string;
  message: string;
  fieldErrors?: FieldErrors;
  current?: unknown;
};

export const INTERNAL_ERROR_MESSAGE = "Something went wrong; nothing was changed. Try again.";

/**
 * The one mapping from a thrown error to an ErrorResponse, shared by server actions, the REST
 * API and the route handlers. Expected domain errors keep their status, code and message;
 * anything else is a bug: logged here, once, under `logAs`, and answered with a 500 that says
 * nothing more (a database error may name hosts or credentials).
 */
export function errorResponse(error: unknown, logAs: string): ErrorResponse {
  if (!isDomainError(error)) {
    console.error(logAs, error);
    return { status: 500, code: "internal", message: INTERNAL_ERROR_MESSAGE };
  }
  return {
    status: error.status,
    code: error.code,
    message: error.message,
    ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}),
    ...(error instanceof ConflictError && error.current !== undefined ? { current: error.current } : {}),
  };
}
