import type { ReactNode } from "react";
import { roleAtLeast, type Role } from "@/lib/domain/roles";

type Props = {
  /** The reader's role in the team. */
  role: Role;
  /** The role the form needs, and what it does as the end of a sentence: "create releases". */
  needs: Role;
  to: string;
  children: ReactNode;
};

/**
 * A form as its reader may use it. Someone without the role sees the reason first, then the
 * same fields, disabled (a disabled fieldset still lets screen readers read every value) and
 * without buttons: nobody fills it in only to be refused on submit.
 */
export function ReadOnlyForm({ role, needs, to, children }: Props) {
  if (roleAtLeast(role, needs)) return children;
  return (
    <div className="space-y-3">
      <p
        id="read-only-reason"
        className="max-w-3xl rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        <strong className="font-semibold">Read only.</strong> You are {withArticle(role)} in this team; it takes{" "}
        {withArticle(needs)} to {to}. A team admin can change your role on the Members page.
      </p>
      <fieldset disabled aria-describedby="read-only-reason" className="min-w-0 [&_button]:hidden">
        {children}
      </fieldset>
    </div>
  );
}

function withArticle(role: string): string {
  return `${/^[aeiou]/i.test(role) ? "an" : "a"} ${role}`;
}
