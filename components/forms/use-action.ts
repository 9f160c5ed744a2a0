"use client";

import { useState, useTransition } from "react";
import type { Action, ActionError, ActionResult } from "@/lib/http/actions/action-result";
import type { FieldErrors } from "@/lib/errors/domain-errors";

type Callbacks<Out, Current> = {
  onSuccess?: (data: Out) => void;
  /** After a refusal; the error is in the hook's state as well. */
  onError?: (error: ActionError<Current>) => void;
  /** After either, last. */
  onSettled?: () => void;
};

type Options = {
  /**
   * What to say when the call itself fails (the network, a server restart) rather than the
   * action refusing; without it such a failure is thrown, to the nearest error boundary.
   */
  unreachable?: string;
};

type State<Current> = {
  /** Why the last call was refused, in full; null after a success. */
  error: ActionError<Current> | null;
  /** Errors per field (the use case's schema paths), cleared one by one as they are edited. */
  fieldErrors: FieldErrors;
  /** The one message a form shows above or below its fields: none when fields carry the errors. */
  message: string | null;
};

const CLEAR: State<never> = { error: null, fieldErrors: {}, message: null };

export type UseAction<In, Out, Current = never> = ReturnType<typeof useAction<In, Out, Current>>;

/**
 * The one way a component calls a server action: `run(input, { onSuccess })` with the input
 * the use case's schema takes, then pending state, field errors or one message, and on a
 * conflict the state the change ran into (typed as the action declares it).
 */
export function useAction<In, Out, Current = never>(action: Action<In, Out, Current>, options: Options = {}) {
  const [state, setState] = useState<State<Current>>(CLEAR);
  const [pending, startTransition] = useTransition();

  async function call(input: In): Promise<ActionResult<Out, Current>> {
    if (options.unreachable === undefined) return action(input);
    try {
      return await action(input);
    } catch {
      return { ok: false, error: { code: "unreachable", message: options.unreachable } };
    }
  }

  function run(input: In, callbacks: Callbacks<Out, Current> = {}) {
    startTransition(async () => {
      const result = await call(input);
      if (result.ok) {
        setState(CLEAR);
        callbacks.onSuccess?.(result.data);
      } else {
        const { error } = result;
        setState({ error, fieldErrors: error.fieldErrors ?? {}, message: error.fieldErrors ? null : error.message });
        callbacks.onError?.(error);
      }
      callbacks.onSettled?.();
    });
  }

  function clearField(field: string) {
    setState((s) => (s.fieldErrors[field] ? { ...s, fieldErrors: { ...s.fieldErrors, [field]: [] } } : s));
  }

  /** Show a message of the form's own (a check made before calling), as a refusal would. */
  function fail(message: string) {
    setState((s) => ({ ...s, message }));
  }

  function reset() {
    setState(CLEAR);
  }

  const { error } = state;
  const conflict =
    error?.code === "conflict" && error.current !== undefined
      ? { message: error.message, current: error.current }
      : null;
  return { run, pending, ...state, conflict, clearField, fail, reset };
}
