import type { Metadata } from "next";
import Link from "next/link";
import { EnvironmentForm } from "@/components/environments/environment-form";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { ApprovalPolicyForm } from "@/components/environments/approval-policy-form";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import { describeRules, formatMinutes } from "@/lib/domain/approval-policy";
import { createEnvironmentAction, setApprovalPolicyAction } from "./actions";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access, environments } = await getPageTeamContext(`/teams/${team}/environments`, team);
  const isAdmin = roleAtLeast(access.role, "admin");
  const policies = await Promise.all(environments.map((e) => getApprovalPolicy(access, { environmentId: e.id })));
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Environments</h1>
        <p className="muted max-w-2xl text-sm">
          Each release has its own status and percentages in every environment: promote in staging while production
          ramps.
        </p>
      </div>
      <ol className="card divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Environments">
        {environments.map((env, i) => (
          <li key={env.key} className="flex items-center gap-4 px-5 py-3">
            <span className="muted w-6 text-right text-sm tabular-nums">{i + 1}</span>
            <span className="flex-1 font-medium">
              {env.name} <span className="muted font-mono text-xs">{env.key}</span>
            </span>
            <Link href={`/teams/${team}/releases?env=${env.key}`} className="text-sm link">
              View releases
            </Link>
          </li>
        ))}
      </ol>
      <section className="space-y-3" aria-labelledby="policy-heading">
        <div>
          <h2 id="policy-heading" className="text-lg font-semibold">
            Approval policy
          </h2>
          <p className="muted max-w-2xl text-sm">
            Which changes need a second person, per environment. Held changes become change requests on{" "}
            <em>Approvals</em>; lowering a percentage and rolling back never wait.
          </p>
        </div>
        <div className="grid gap-4 md:grid-cols-2">
          {environments.map((env, i) => {
            const policy = policies[i] ?? null;
            return (
              <div key={env.key} className="card space-y-3 p-5">
                <h3 className="font-semibold">{env.name}</h3>
                {isAdmin ? (
                  <ApprovalPolicyForm
                    teamSlug={team}
                    environment={{ key: env.key, name: env.name }}
                    policy={policy}
                    save={setApprovalPolicyAction}
                  />
                ) : (
                  <p className="text-sm">
                    {describeRules(policy)}
                    {policy && `; requests expire after ${formatMinutes(policy.expiryMinutes)}`}.
                  </p>
                )}
                <p className="muted text-xs">
                  {policy?.updatedByName ? `Last changed by ${policy.updatedByName}.` : "No policy set yet."}
                  {!isAdmin && " Only admins change approval policies."}
                </p>
              </div>
            );
          })}
        </div>
      </section>
      {isAdmin ? (
        <section className="space-y-3" aria-labelledby="add-environment-heading">
          <h2 id="add-environment-heading" className="text-lg font-semibold">
            Add an environment
          </h2>
          <EnvironmentForm teamSlug={team} submit={createEnvironmentAction} />
        </section>
      ) : (
        <p className="muted text-sm">Only admins can add environments.</p>
      )}
    </div>
  );
}
