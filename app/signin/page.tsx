import type { Metadata } from "next";
import { devLoginEnabled, oidcConfig } from "@/lib/auth/auth-config";
import { listDemoUsers } from "@/lib/auth/list-demo-users";
import { DevSignIn } from "@/components/auth/dev-sign-in";
import { OidcSignIn } from "@/components/auth/oidc-sign-in";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That sign-in was refused. Pick a user again.",
  OAuthSignin: "Could not reach the identity provider.",
  OAuthCallback: "The identity provider's answer could not be verified.",
  NoEmail: "Your identity provider did not share an email address.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = params.callbackUrl?.startsWith("/") ? params.callbackUrl : "/";
  const oidc = oidcConfig();
  const dev = devLoginEnabled();
  const users = dev ? await listDemoUsers() : [];
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;

  return (
    <main
      id="main"
      tabIndex={-1}
      className="focus:outline-none mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12"
    >
      <div className="mb-8 text-center">
        <p className="text-3xl font-semibold tracking-tight">
          <span aria-hidden className="mr-2 text-brand-600">
            ◢
          </span>
          Glidepath
        </p>
        <p className="muted mt-2 text-sm">Ramp releases cohort by cohort. Roll back in one click.</p>
      </div>
      <div className="card p-6">
        <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
        {error && (
          <p
            role="alert"
            className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
          >
            {error}
          </p>
        )}
        {oidc && <OidcSignIn name={oidc.name} callbackUrl={callbackUrl} />}
        {oidc && dev && <div className="muted my-4 text-center text-xs uppercase tracking-wide">or</div>}
        {dev && <DevSignIn users={users} callbackUrl={callbackUrl} />}
        {!oidc && !dev && (
          <p className="text-sm">
            No sign-in method is configured. Set <code>AUTH_OIDC_ISSUER</code>, <code>AUTH_OIDC_CLIENT_ID</code> and{" "}
            <code>AUTH_OIDC_CLIENT_SECRET</code>, or <code>GLIDEPATH_DEV_LOGIN=1</code> for a development sign-in.
          </p>
        )}
      </div>
    </main>
  );
}
