import type { Metadata } from "next";
import { CreateAdminKeyForm } from "@/components/api-keys/create-admin-key-form";
import { CreateSdkKeyForm } from "@/components/api-keys/create-sdk-key-form";
import { RevokeKeyButton } from "@/components/api-keys/revoke-key-button";
import { RelativeTime } from "@/components/common/relative-time";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { createAdminKeyAction, createSdkKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access, environments } = await getPageTeamContext(`/teams/${team}/api-keys`, team);
  const isAdmin = roleAtLeast(access.role, "admin");
  const keys = await listApiKeys(access);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="muted max-w-2xl text-sm">
          SDK keys let applications evaluate releases over OpenFeature&apos;s remote evaluation protocol (OFREP). Each
          key belongs to one environment and decides which rollout answers. Automation keys let CI/CD read releases and
          change rollouts through the REST API. Keys are shown once and stored hashed.
        </p>
      </div>
      {isAdmin ? (
        <>
          <section className="space-y-2" aria-labelledby="sdk-keys-heading">
            <h2 id="sdk-keys-heading" className="font-semibold">
              SDK key <span className="muted text-sm font-normal">for an application: evaluation and metrics</span>
            </h2>
            <CreateSdkKeyForm teamSlug={team} environments={environments} submit={createSdkKeyAction} />
          </section>
          <section className="space-y-2" aria-labelledby="automation-keys-heading">
            <h2 id="automation-keys-heading" className="font-semibold">
              Automation key{" "}
              <span className="muted text-sm font-normal">
                for CI/CD, on the REST API under <code className="font-mono">/api/v1</code> (
                <a className="underline" href="/api/v1/openapi.json">
                  OpenAPI
                </a>
                )
              </span>
            </h2>
            <CreateAdminKeyForm teamSlug={team} submit={createAdminKeyAction} />
          </section>
        </>
      ) : (
        <p className="muted text-sm">Only admins can create or revoke keys.</p>
      )}
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="muted px-5 py-6 text-sm">No keys yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="API keys">
            {keys.map((key) => (
              <li key={key.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {key.name}{" "}
                    {key.revokedAt && (
                      <span className="ml-1 rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">
                        revoked
                      </span>
                    )}
                  </p>
                  <p className="muted text-xs">
                    <span className="font-mono">{key.prefix}</span> ·{" "}
                    {key.kind === "admin" ? `Automation · ${key.role ?? "no role"}` : "SDK"} ·{" "}
                    {key.environment?.name ?? "whole team"} · created <RelativeTime date={key.createdAt} /> by{" "}
                    {key.createdByName}
                    {key.revokedAt && (
                      <>
                        {" "}
                        · revoked <RelativeTime date={key.revokedAt} />
                      </>
                    )}
                  </p>
                </div>
                {isAdmin && !key.revokedAt && (
                  <RevokeKeyButton teamSlug={team} keyId={key.id} name={key.name} revoke={revokeApiKeyAction} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
