import type { Actor } from "./actor";

/** Who expires requests: nobody clicked anything, the clock did. */
export const APPROVALS_SYSTEM_ACTOR: Actor = { type: "system", id: "system:approvals", name: "system:approvals" };

/** Who takes a rollout plan's steps, holds and automatic roll backs: the plan controller. */
export const PLAN_AUTOMATION_ACTOR: Actor = { type: "system", id: "system:plans", name: "Glidepath automation" };
