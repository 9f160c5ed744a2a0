import type { Actor } from "./actor";

/** Who expires requests: nobody clicked anything, the clock did. */
export const APPROVALS_SYSTEM_ACTOR: Actor = { type: "system", id: "system:approvals", name: "system:approvals" };
