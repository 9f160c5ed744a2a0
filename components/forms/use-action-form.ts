"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/http/actions/action-result";
import type { FieldErrors } from "@/lib/errors/domain-errors";

/**
 * The submit cycle every form shares: pending state, errors per field (from the use case's
 * schema) or one message, and a callback with the data on success.
 */
export function useActionForm<T>() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run(call: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void) {
    startTransition(async () => {
      const result = await call();
      if (result.ok) {
        setErrors({});
        setMessage(null);
        onSuccess(result.data);
        return;
      }
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.fieldErrors ? null : result.error.message);
    });
  }

  function clearField(field: string) {
    setErrors((e) => (e[field] ? { ...e, [field]: [] } : e));
  }

  return { errors, message, pending, run, clearField, setMessage };
}
