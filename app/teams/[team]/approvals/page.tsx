import type { Metadata } from "next";
import Link from "next/link";
import { DecidedRequests } from "@/components/approvals/decided-requests";
import { PendingRequests } from "@/components/approvals/pending-requests";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import { listChangeRequests } from "@/lib/approvals/list-change-requests";
import { describeRules } from "@/lib/domain/approval-policy";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { regressingForRequests } from "@/lib/plans/regressing-for-requests";
import { approveChangeRequestAction, cancelChangeRequestAction, rejectChangeRequestAction } from "./actions";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { actor, access, environments } = await getPageTeamContext(`/teams/${team}/approvals`, team);
  const [{ pending, decided }, policies] = await Promise.all([
    listChangeRequests(access),
    Promise.all(
      environments.map(async (e) => ({
        name: e.name,
        policy: await getApprovalPolicy(access, { environmentId: e.id }),
      })),
    ),
  ]);
  const regressing = await regressingForRequests(access, environments, pending);
  const viewer = {
    id: actor.id,
    canApprove: roleAtLeast(access.role, "approver"),
    isAdmin: roleAtLeast(access.role, "admin"),
  };
  const actions = {
    approve: approveChangeRequestAction,
    reject: rejectChangeRequestAction,
    cancel: cancelChangeRequestAction,
  };
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Approvals</h1>
        <p className="muted max-w-2xl text-sm">
          Changes an environment&apos;s approval policy holds for a second person. Approving applies the change at once,
          but only if the release (or, for a cohort change, the cohort) hasn&apos;t moved since it was requested; nobody
          approves their own request, or one made with an API key they created.
        </p>
      </div>
      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="font-semibold">
          Pending ({pending.length})
        </h2>
        <PendingRequests
          teamSlug={team}
          requests={pending}
          viewer={viewer}
          actions={actions}
          regressing={regressing}
          empty={
            <div className="card space-y-2 px-5 py-4 text-sm">
              <p className="font-medium">Nothing is waiting for approval.</p>
              <p className="muted">
                A request appears here when someone saves a change that an environment&apos;s policy holds for a second
                person:
              </p>
              <ul className="list-disc space-y-0.5 pl-5" aria-label="Approval policy per environment">
                {policies.map((p) => (
                  <li key={p.name}>
                    <span className="font-medium">{p.name}:</span> {describeRules(p.policy)}
                  </li>
                ))}
              </ul>
              <p className="muted">
                Admins set each environment&apos;s policy on{" "}
                <Link
                  href={`/teams/${team}/environments`}
                  className="text-brand-600 hover:underline dark:text-brand-100"
                >
                  Environments
                </Link>
                .
              </p>
            </div>
          }
        />
      </section>
      <section className="card" aria-labelledby="decided-heading">
        <h2 id="decided-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
          Recently decided
        </h2>
        <DecidedRequests teamSlug={team} requests={decided} />
      </section>
    </div>
  );
}
