"use client";

import { signOut } from "next-auth/react";
import { useHydrated } from "@/components/common/use-hydrated";

export function SignOutButton() {
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={!hydrated}
      className="btn-secondary px-2.5 py-1 text-xs"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
    >
      Sign out
    </button>
  );
}
