"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { cancelChangeRequest } from "@/lib/approvals/cancel-change-request";
import { rejectChangeRequest } from "@/lib/approvals/reject-change-request";
import type { DecideChangeRequestInput } from "@/lib/change-requests/change-request-schemas";

// Input is validated by the use cases' zod schemas (lib/approvals/*); the type only helps the page.

export async function approveChangeRequestAction(input: DecideChangeRequestInput) {
  return runAction(async (actor) => ({ status: (await approveChangeRequest(actor, input)).status }));
}

export async function rejectChangeRequestAction(input: DecideChangeRequestInput) {
  return runAction(async (actor) => ({ status: (await rejectChangeRequest(actor, input)).status }));
}

export async function cancelChangeRequestAction(input: DecideChangeRequestInput) {
  return runAction(async (actor) => ({ status: (await cancelChangeRequest(actor, input)).status }));
}
