"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { RolloutSnapshot } from "@/lib/rollouts/rollout-snapshot";

/**
 * The newest rollout this page knows of. After a save or a command the server answers with the
 * rollout as it now is, but the page's props only catch up when router.refresh() lands; a
 * second action taken in between (Start right after "Saved") must already use the new version,
 * or the server rightly refuses it as a stale edit. Versions only grow, so the newer one wins.
 */
type Latest = { reported: RolloutSnapshot | null; report: (rollout: RolloutSnapshot) => void };

const LatestRolloutContext = createContext<Latest | null>(null);

export function LatestRolloutProvider({ children }: { children: ReactNode }) {
  const [reported, setReported] = useState<RolloutSnapshot | null>(null);
  const report = useCallback(
    (rollout: RolloutSnapshot) =>
      setReported((current) => (current && current.version >= rollout.version ? current : rollout)),
    [],
  );
  const value = useMemo(() => ({ reported, report }), [reported, report]);
  return <LatestRolloutContext.Provider value={value}>{children}</LatestRolloutContext.Provider>;
}

export type ServerRollout = Pick<RolloutSnapshot, "status" | "version" | "defaultBasisPoints" | "cohorts">;

/** The server's rollout, or what an action on this page reported since, whichever is newer. */
export function useLatestRollout(server: ServerRollout): {
  rollout: ServerRollout;
  report: (rollout: RolloutSnapshot) => void;
} {
  const context = useContext(LatestRolloutContext);
  const reported = context?.reported;
  const rollout = reported && reported.version > server.version ? reported : server;
  return { rollout, report: context?.report ?? noop };
}

function noop() {}
