/** Expected failures of use cases; mapped once to HTTP statuses and to messages for the UI. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = "validation_failed";
  constructor(readonly fieldErrors: FieldErrors) {
    super(
      Object.entries(fieldErrors)
        .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
        .join("\n") || "Invalid input",
    );
  }
  static field(field: string, message: string) {
    return new ValidationError({ [field]: [message] });
  }
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly code = "unauthenticated";
  constructor(message = "Sign in to continue") {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = "forbidden";
}

/** Also used for rows of another team, so existence never leaks across tenants. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = "not_found";
}

export class ConflictError<Current = unknown> extends DomainError {
  readonly status = 409;
  readonly code = "conflict";
  constructor(
    message: string,
    readonly current?: Current,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
