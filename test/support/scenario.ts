import { createCohort } from "@/lib/cohorts/create-cohort";
import type { CohortDefinitionInput } from "@/lib/domain/cohort-rules";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import type { TeamFixture } from "./fixtures";
import { storedRollout } from "./team-state";

/** Small builders on top of the real use cases, acting as the team's editor. */
export function scenario(fx: TeamFixture) {
  const editor = fx.actors.editor;
  const teamSlug = fx.team.slug;
  return {
    release: (key: string, name = `Release ${key}`) => createRelease(editor, { teamSlug, key, name }),
    keysCohort: (key: string, targetingKeys: string[]) =>
      createCohort(editor, { teamSlug, key, name: `Cohort ${key}`, definition: { kind: "keys", targetingKeys } }),
    rulesCohort: (key: string, definition: CohortDefinitionInput) =>
      createCohort(editor, { teamSlug, key, name: `Cohort ${key}`, definition }),
    /** Runs a status command against the current version. */
    command: async (releaseId: string, releaseKey: string, environment: "staging" | "production", command: string) => {
      const current = await storedRollout(releaseId, fx.environments[environment].id);
      return changeReleaseStatus(editor, {
        teamSlug,
        releaseKey,
        environmentKey: environment,
        command,
        expectedVersion: current.version,
      });
    },
  };
}
