"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { cancelChangeRequest } from "@/lib/approvals/cancel-change-request";
import { rejectChangeRequest } from "@/lib/approvals/reject-change-request";

// Input is validated by the use cases' zod schemas (lib/approvals/*).

export async function approveChangeRequestAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ status: (await approveChangeRequest(actor, input)).status }));
}

export async function rejectChangeRequestAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ status: (await rejectChangeRequest(actor, input)).status }));
}

export async function cancelChangeRequestAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ status: (await cancelChangeRequest(actor, input)).status }));
}
