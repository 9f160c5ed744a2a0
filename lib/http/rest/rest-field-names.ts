import { ValidationError } from "@/lib/errors/domain-errors";

// The use cases name fields as the dashboard sends them; the API's paths and bodies say these.
const FIELD_NAMES: Record<string, string> = {
  defaultBasisPoints: "default",
  releaseKey: "release",
  environmentKey: "environment",
};

/** A use case's field errors under the names the API's caller sent. */
export function inApiFieldNames(error: ValidationError): ValidationError {
  return new ValidationError(
    Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, messages]) => [FIELD_NAMES[field] ?? field, messages]),
    ),
  );
}
