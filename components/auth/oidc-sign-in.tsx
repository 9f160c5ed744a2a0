"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function OidcSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn-primary w-full py-2"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
    >
      {pending ? "Redirecting…" : `Continue with ${name}`}
    </button>
  );
}
