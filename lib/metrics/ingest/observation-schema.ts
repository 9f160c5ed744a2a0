import { z } from "zod";
import { VARIANTS } from "../metric-types";

export const MAX_OBSERVATIONS = 5_000;
export const MAX_INGEST_BYTES = 1024 * 1024;
/** How far back a timestamp may go: minute data older than this is rolled up already. */
export const INGEST_WINDOW_MS = 7 * 86_400_000;
const FUTURE_SKEW_MS = 5 * 60_000;

const key = z.string().min(1, "is required").max(128, "must be at most 128 characters");

export const observationSchema = z
  .object({
    metric: key,
    release: key,
    cohort: key,
    variant: z.enum(VARIANTS, { message: 'must be "treatment" or "control"' }),
    value: z.number({ message: "must be a number" }).finite("must be finite").optional(),
    count: z
      .number({ message: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(1e9, "must be at most 1e9")
      .optional(),
    sum: z.number({ message: "must be a number" }).finite("must be finite").optional(),
    timestamp: z
      .union([z.number().int(), z.iso.datetime({ offset: true })], {
        message: "must be epoch milliseconds or an ISO 8601 date-time",
      })
      .optional(),
  })
  .strict();

export type Observation = z.infer<typeof observationSchema>;

export function timestampOf(
  observation: Observation,
  now: number,
): { ok: true; at: number } | { ok: false; message: string } {
  const at =
    observation.timestamp === undefined
      ? now
      : typeof observation.timestamp === "number"
        ? observation.timestamp
        : Date.parse(observation.timestamp);
  if (at < now - INGEST_WINDOW_MS) return { ok: false, message: "is older than the 7-day ingest window" };
  if (at > now + FUTURE_SKEW_MS) return { ok: false, message: "is more than 5 minutes in the future" };
  return { ok: true, at };
}
