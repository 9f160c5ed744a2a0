import type { FieldErrors } from "@/lib/errors/domain-errors";

/** What every server action returns: plain data, safe to show, never a thrown error. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fieldErrors?: FieldErrors; current?: unknown } };
