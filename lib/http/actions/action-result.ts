import type { FieldErrors } from "@/lib/errors/domain-errors";

/**
 * Why an action refused: the shared error response (lib/errors/error-response.ts) without its
 * HTTP status. `current` is the state a conflicting change ran into, when the use case says.
 */
export type ActionError<Current = never> = {
  code: string;
  message: string;
  fieldErrors?: FieldErrors;
  current?: Current;
};

/** What every server action returns: plain data, safe to show, never a thrown error. */
export type ActionResult<T, Current = never> = { ok: true; data: T } | { ok: false; error: ActionError<Current> };

/**
 * A server action as components receive it: its input is the use case's `z.input` (the server
 * still parses it: inputs are hostile), its result typed, conflicts with their current state.
 */
export type Action<In, Out, Current = never> = (input: In) => Promise<ActionResult<Out, Current>>;
