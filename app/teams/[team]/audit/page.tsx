import type { Metadata } from "next";
import { AuditTrail } from "@/components/audit/audit-trail";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { roleAtLeast } from "@/lib/domain/roles";
import { previewRevertAction, revertRolloutChangeAction } from "./actions";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/audit`, team);
  const canEdit = roleAtLeast(access.role, "editor");
  const entries = await listAuditEvents(access, { limit: 200 });
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="muted text-sm">
          Every change in {access.teamName}, newest first, with who made it. The latest 200 are shown.
        </p>
      </div>
      <AuditTrail
        entries={entries}
        title="All changes"
        revert={
          canEdit ? { teamSlug: team, preview: previewRevertAction, revert: revertRolloutChangeAction } : undefined
        }
      />
    </div>
  );
}
