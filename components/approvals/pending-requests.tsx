"use client";

import { useState, type ReactNode } from "react";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { CohortHealth } from "@/lib/domain/cohort-health";
import { ChangeRequestCard } from "./change-request-card";
import { DecideRequest, type Decide } from "./decide-request";
import { describeOutcome, type DecisionOutcome } from "./decision-outcome";

type Props = {
  teamSlug: string;
  /** Pending, oldest first (they expire first). */
  requests: ChangeRequestView[];
  viewer: { id: string; canApprove: boolean; isAdmin: boolean };
  actions: { approve: Decide; reject: Decide; cancel: Decide };
  /** Shown when nothing is pending and nothing was just decided here. */
  empty: ReactNode;
  /** Regressing cohorts now, per request id (rollout requests only). */
  regressing?: Record<string, CohortHealth[]>;
};

/**
 * The pending cards. A card this person just decided stays in place with the outcome (the
 * refreshed list no longer has it), so "stale: nothing was applied" can't flash by unseen.
 */
export function PendingRequests({ teamSlug, requests, viewer, actions, empty, regressing }: Props) {
  const [settled, setSettled] = useState<{ request: ChangeRequestView; outcome: DecisionOutcome }[]>([]);
  const outcomes = new Map(settled.map((s) => [s.request.id, s.outcome]));
  const live = new Set(requests.map((r) => r.id));
  const shown = [...requests, ...settled.filter((s) => !live.has(s.request.id)).map((s) => s.request)].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  if (shown.length === 0) return <>{empty}</>;
  return (
    <>
      {shown.map((request) => {
        // Four eyes: a request made with an API key this person created is theirs too.
        const own = request.requesterId === viewer.id || request.requesterUserId === viewer.id;
        const can = { approve: viewer.canApprove && !own, cancel: own || viewer.isAdmin };
        const settle = (result: { status: string } | { gone: string }) => {
          const outcome =
            "status" in result ? describeOutcome(result.status, request) : { tone: "warn" as const, text: result.gone };
          setSettled((list) => [...list.filter((s) => s.request.id !== request.id), { request, outcome }]);
        };
        return (
          <ChangeRequestCard
            key={request.id}
            teamSlug={teamSlug}
            request={request}
            own={own}
            canApprove={viewer.canApprove}
            outcome={outcomes.get(request.id) ?? null}
            regressing={regressing?.[request.id]}
            controls={<DecideRequest teamSlug={teamSlug} id={request.id} can={can} {...actions} onSettled={settle} />}
          />
        );
      })}
    </>
  );
}
