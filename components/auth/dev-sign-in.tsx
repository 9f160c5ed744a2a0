"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { useHydrated } from "@/components/common/use-hydrated";

type DemoUser = { id: string; name: string; email: string; roles: string[] };

export function DevSignIn({ users, callbackUrl }: { users: DemoUser[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  const hydrated = useHydrated();
  if (users.length === 0) {
    return (
      <p className="text-sm">
        No users yet. Run <code>npm run db:seed</code> to create the demo team.
      </p>
    );
  }
  return (
    <div>
      <p className="muted mb-3 text-sm">Development sign-in: choose a demo user.</p>
      <ul className="space-y-2">
        {users.map((user) => (
          <li key={user.id}>
            <button
              type="button"
              className="btn-secondary w-full justify-between text-left"
              disabled={!hydrated || pending !== null}
              aria-label={`Sign in as ${user.name}`}
              onClick={() => {
                setPending(user.id);
                void signIn("dev", { userId: user.id, callbackUrl });
              }}
            >
              <span>
                <span className="block font-medium">{user.name}</span>
                <span className="muted block text-xs">{user.email}</span>
              </span>
              <span className="muted text-xs">{pending === user.id ? "Signing in…" : user.roles.join(", ")}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
