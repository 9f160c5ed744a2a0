import type { ReactNode } from "react";

/** Label, control and the error that names what is wrong with it. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
      {hint && !errors?.length && <p className="muted mt-1 text-xs">{hint}</p>}
      {errors?.map((e) => (
        <p key={e} id={`${id}-error`} className="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}
