import clsx from "clsx";
import { ROLES, type Role } from "@/lib/domain/roles";
import { ROLE_DESCRIPTIONS } from "@/lib/members/role-descriptions";
import { RoleBadge } from "./role-badge";

/** What each role may do; the viewer's own role is marked. */
export function RolesLegend({ current }: { current: Role }) {
  return (
    <section className="card p-5" aria-labelledby="roles-heading">
      <h2 id="roles-heading" className="font-semibold">
        Roles
      </h2>
      <p className="muted mt-0.5 text-sm">
        Each role can do everything the one above it can. The server checks the role on every change.
      </p>
      <dl className="mt-3 grid gap-2 sm:grid-cols-2">
        {ROLES.map((role) => (
          <div
            key={role}
            className={clsx(
              "rounded-lg border px-3 py-2 text-sm",
              role === current
                ? "border-brand-500 bg-brand-50 dark:border-brand-500 dark:bg-brand-500/10"
                : "border-zinc-200 dark:border-zinc-800",
            )}
          >
            <dt className="flex items-center gap-2">
              <RoleBadge role={role} />
              {role === current && (
                <span className="text-xs font-medium text-brand-700 dark:text-brand-100">your role</span>
              )}
            </dt>
            <dd className="muted mt-1">{ROLE_DESCRIPTIONS[role]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
