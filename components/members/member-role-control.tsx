"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import { canRequestChanges, type Role } from "@/lib/domain/roles";
import type { ChangeMemberRoleInput } from "@/lib/members/change-member-role";
import { ROLE_LABELS } from "@/lib/members/role-descriptions";
import { pendingRequestsWarning } from "./pending-requests-warning";
import { RoleSelect } from "./role-select";

type Changed = { membershipId: string; before: Role; role: Role; self: boolean };

type Props = {
  teamSlug: string;
  membershipId: string;
  memberName: string;
  role: Role;
  isSelf: boolean;
  /** Their change requests waiting for approval: a viewer can't ask, so these would be cancelled. */
  pendingRequests: number;
  /** Why the role can't be changed (the last admin), or null. */
  lockedReason: string | null;
  change: Action<ChangeMemberRoleInput, Changed>;
};

/**
 * Nothing is saved on select: the row shows old → new (and what it means for you, when it is
 * your own role) until Save. The role shown is sent as the expected one, so a role someone
 * else changed meanwhile is refused rather than overwritten.
 */
export function MemberRoleControl({
  teamSlug,
  membershipId,
  memberName,
  role,
  isSelf,
  pendingRequests,
  lockedReason,
  change,
}: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState<Role>(role);
  const { error, pending, run, reset } = useAction(change);
  const dirty = selected !== role;
  const lapsing = canRequestChanges(selected) ? null : pendingRequestsWarning(pendingRequests, isSelf);
  const selectId = `role-${membershipId}`;
  const hintId = `${selectId}-hint`;

  function save() {
    reset();
    run({ teamSlug, membershipId, role: selected, expectedRole: role }, { onSettled: () => router.refresh() });
  }

  return (
    <div className="min-w-0">
      <RoleSelect
        id={selectId}
        label={`Role of ${memberName}`}
        value={selected}
        onChange={(next) => {
          setSelected(next);
          reset();
        }}
        disabled={lockedReason !== null || pending}
        describedBy={lockedReason || dirty ? hintId : undefined}
        className="input w-full max-w-[9rem] py-1"
      />
      {lockedReason && (
        <p id={hintId} className="muted mt-1 max-w-[14rem] text-xs">
          {lockedReason}
        </p>
      )}
      {dirty && !lockedReason && (
        <div id={hintId} className="mt-2 space-y-2 text-xs" data-testid="role-change-preview">
          <p>
            <span className="muted">{ROLE_LABELS[role]}</span> →{" "}
            <span className="font-semibold">{ROLE_LABELS[selected]}</span>
            {isSelf && role === "admin" && (
              <span className="block text-amber-700 dark:text-amber-300">
                You will no longer be able to manage members.
              </span>
            )}
            {lapsing && <span className="block text-amber-700 dark:text-amber-300">{lapsing}</span>}
          </p>
          <div className="flex gap-2">
            <button type="button" className="btn-primary px-2 py-1 text-xs" onClick={save} disabled={pending}>
              {pending ? "Saving…" : "Save role"}
            </button>
            <button
              type="button"
              className="btn-secondary px-2 py-1 text-xs"
              onClick={() => {
                setSelected(role);
                reset();
              }}
              disabled={pending}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="field-error max-w-[16rem] text-xs">
          {error.message}
        </p>
      )}
    </div>
  );
}
