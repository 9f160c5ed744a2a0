import type { ApprovalRules } from "@/lib/domain/approval-policy";
import type { CohortDefinitionInput } from "@/lib/domain/cohort-rules";
import type { Role } from "@/lib/domain/roles";
import type { RolloutCommand } from "@/lib/domain/rollout-state";
import type { DemoUserEmail } from "./demo-users";

/**
 * Demo data is written as history: every time is "minutes before now" (see `ago`), so the
 * seed is deterministic for a given `now` and always lies in the recent past.
 */
export type MinutesAgo = number;

export function ago(days: number, hours = 0, minutes = 0): MinutesAgo {
  return days * 24 * 60 + hours * 60 + minutes;
}

/** Sets percentages like the rollout editor does; `null` removes a cohort's explicit value. */
export type SetStep = {
  at: MinutesAgo;
  by: DemoUserEmail;
  set: { default?: number; cohorts?: Record<string, number | null> };
};

/** A status command like the release page's buttons (start, pause, promote, rollback, ...). */
export type CommandStep = { at: MinutesAgo; by: DemoUserEmail; command: RolloutCommand };

export type RolloutStep = SetStep | CommandStep;

export type CohortSeed = {
  key: string;
  name: string;
  description: string;
  definition: CohortDefinitionInput;
  at: MinutesAgo;
  by: DemoUserEmail;
};

export type ReleaseSeed = {
  key: string;
  name: string;
  description: string;
  owner: DemoUserEmail;
  at: MinutesAgo;
  by: DemoUserEmail;
  /** Steps per environment key, oldest first; an environment without steps stays a draft at 0%. */
  rollouts: Partial<Record<string, RolloutStep[]>>;
  critical?: boolean;
};

export type TeamSeed = {
  slug: string;
  name: string;
  at: MinutesAgo;
  members: { email: DemoUserEmail; role: Role }[];
  environments: { key: string; name: string; position: number }[];
  /** In priority order: the first one gets priority 1. */
  cohorts: CohortSeed[];
  releases: ReleaseSeed[];
  /** Per environment key; an environment left out needs no approval. */
  approvalPolicies?: Partial<Record<string, ApprovalRules & { expiryMinutes: number }>>;
};
