"use client";

import { useMemo, useState } from "react";
import type { FieldErrors } from "@/lib/errors/domain-errors";
import { fromDraft, type DefinitionDraft, type DraftDefinition } from "./plan-draft";

/**
 * The plan editors' state: the draft as typed, the definition it stands for (for the preview),
 * and the errors found in the browser before sending, cleared field by field as they are edited
 * (`onEdited` clears the server's for that field too).
 */
export function usePlanDraft(initial: () => DefinitionDraft, onEdited: (path: string) => void) {
  const [draft, setDraftState] = useState<DefinitionDraft>(initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const parsed = useMemo(() => fromDraft(draft), [draft]);

  function setDraft(next: DefinitionDraft, editedPath?: string) {
    setDraftState(next);
    if (editedPath) {
      setLocalErrors((errors) => {
        if (!errors[editedPath]) return errors;
        const rest = { ...errors };
        delete rest[editedPath];
        return rest;
      });
      onEdited(editedPath);
    }
  }

  /** The definition to send, or null after showing what to fix. */
  function validate(): DraftDefinition | null {
    if (parsed.errors) {
      setLocalErrors(parsed.errors);
      return null;
    }
    setLocalErrors({});
    return parsed.definition;
  }

  function replace(next: DefinitionDraft) {
    setDraftState(next);
    setLocalErrors({});
  }

  return { draft, setDraft, replace, definition: parsed.definition, localErrors, validate };
}
