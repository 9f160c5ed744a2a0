import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { toPlanTemplate } from "./plan-row";

export type PlanTemplateView = {
  key: string;
  name: string;
  description: string;
  definition: PlanDefinition;
  version: number;
  updatedAt: string;
  updatedByName: string | null;
};

/** The team's plan templates, by name. Any member may read. */
export async function listPlanTemplates(access: TeamAccess): Promise<PlanTemplateView[]> {
  const rows = await readDb().planTemplate.findMany({
    where: { teamId: access.teamId, archivedAt: null },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => {
    const template = toPlanTemplate(row);
    return {
      key: template.key,
      name: template.name,
      description: template.description,
      definition: template.definition,
      version: template.version,
      updatedAt: template.updatedAt.toISOString(),
      updatedByName: template.updatedByName,
    };
  });
}
