export const ACTOR_TYPES = ["user", "api_key", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Who is making a change; recorded on every audit event. */
export type Actor =
  | { type: "user"; id: string; name: string }
  | { type: "api_key"; id: string; name: string }
  | { type: "system"; id: string; name: string };

export const CONTROLLER_ACTOR: Actor = { type: "system", id: "system:controller", name: "system:controller" };
