export const RELEASE_STATUSES = ["draft", "rolling", "paused", "promoted", "rolled_back"] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const ROLLOUT_COMMANDS = ["start", "pause", "resume", "promote", "rollback", "restart", "restore"] as const;
export type RolloutCommand = (typeof ROLLOUT_COMMANDS)[number];

export type TransitionResult = { ok: true; status: ReleaseStatus } | { ok: false; reason: string };

export const STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: "Draft",
  rolling: "Rolling out",
  paused: "Paused",
  promoted: "Promoted",
  rolled_back: "Rolled back",
};

export const COMMAND_LABELS: Record<RolloutCommand, string> = {
  start: "Start rollout",
  pause: "Pause",
  resume: "Resume",
  promote: "Promote to everyone",
  rollback: "Roll back",
  restart: "Restart as draft",
  restore: "Restore from before the roll back",
};

type Transition = ReleaseStatus | { refused: string };

// The whole machine as one table so the UI (availableCommands) and the server (nextStatus)
// can never disagree. Rollback is accepted from every live state, including promoted,
// because it is the emergency exit and must never be blocked.
const TABLE: Record<RolloutCommand, Record<ReleaseStatus, Transition>> = {
  start: {
    draft: "rolling",
    rolling: { refused: "The release is already rolling out" },
    paused: { refused: "A paused release is resumed, not started" },
    promoted: { refused: "A promoted release can't be started again" },
    rolled_back: { refused: "A rolled-back release must be restarted as a draft first" },
  },
  pause: {
    draft: { refused: "A draft release isn't rolling out, so it can't be paused" },
    rolling: "paused",
    paused: { refused: "The release is already paused" },
    promoted: { refused: "A promoted release can't be paused" },
    rolled_back: { refused: "A rolled-back release can't be paused" },
  },
  resume: {
    draft: { refused: "A draft release hasn't started yet; start it instead" },
    rolling: { refused: "The release is already rolling out" },
    paused: "rolling",
    promoted: { refused: "A promoted release can't be resumed" },
    rolled_back: { refused: "A rolled-back release can't be resumed; restart it as a draft first" },
  },
  promote: {
    draft: "promoted",
    rolling: "promoted",
    paused: "promoted",
    promoted: { refused: "The release is already promoted" },
    rolled_back: { refused: "A rolled-back release can't be promoted; restart it as a draft first" },
  },
  rollback: {
    draft: "rolled_back",
    rolling: "rolled_back",
    paused: "rolled_back",
    promoted: "rolled_back",
    rolled_back: { refused: "The release is already rolled back" },
  },
  restart: {
    draft: { refused: "Only a rolled-back release can be restarted; this one is a draft" },
    rolling: { refused: "Only a rolled-back release can be restarted; this one is rolling out" },
    paused: { refused: "Only a rolled-back release can be restarted; this one is paused" },
    promoted: { refused: "Only a rolled-back release can be restarted; this one is promoted" },
    rolled_back: "draft",
  },
  // Undo of a roll back: rolling out again at the percentages it had just before (the caller
  // finds them in the audit trail), judged by the approval policy like a start from 0%.
  restore: {
    draft: { refused: "Only a rolled-back release can be restored; this one is a draft" },
    rolling: { refused: "Only a rolled-back release can be restored; this one is rolling out" },
    paused: { refused: "Only a rolled-back release can be restored; this one is paused" },
    promoted: { refused: "Only a rolled-back release can be restored; this one is promoted" },
    rolled_back: "rolling",
  },
};

export function nextStatus(current: ReleaseStatus, command: RolloutCommand): TransitionResult {
  // Guards against unchecked strings from requests or storage, including prototype keys.
  const row = Object.hasOwn(TABLE, command) ? TABLE[command] : undefined;
  const transition = row && Object.hasOwn(row, current) ? row[current] : undefined;
  if (transition === undefined) {
    return { ok: false, reason: `Unknown command "${command}" or status "${current}"` };
  }
  if (typeof transition === "string") return { ok: true, status: transition };
  return { ok: false, reason: transition.refused };
}

/** Promoted and rolled-back releases are settled; their percentages no longer apply. */
export function canEditPercentages(status: ReleaseStatus): boolean {
  return status === "draft" || status === "rolling" || status === "paused";
}

export function availableCommands(status: ReleaseStatus): RolloutCommand[] {
  return ROLLOUT_COMMANDS.filter((command) => typeof TABLE[command][status] === "string");
}

export function isReleaseStatus(value: unknown): value is ReleaseStatus {
  return typeof value === "string" && (RELEASE_STATUSES as readonly string[]).includes(value);
}
