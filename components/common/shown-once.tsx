"use client";

import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

type Props = {
  /** The whole first sentence, ending with why to copy now. */
  title: ReactNode;
  secret: string;
  testId: string;
  onDismiss?: () => void;
  /** How to use it, under the secret. */
  children?: ReactNode;
};

/** A secret shown right after it was made and never again: we keep only its hash. */
export function ShownOnce({ title, secret, testId, onDismiss, children }: Props) {
  return (
    <div
      role="status"
      className="rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950"
    >
      <p className="font-semibold">{title}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="break-all rounded bg-white px-2 py-1 font-mono text-xs dark:bg-zinc-900">
          {secret}
        </code>
        <CopyButton text={secret} />
        {onDismiss && (
          <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={onDismiss}>
            Done
          </button>
        )}
      </div>
      {children}
    </div>
  );
}
