"use server";

import { runAction } from "@/lib/http/actions/run-action";
import type { ApprovalPolicyView } from "@/lib/change-requests/get-approval-policy";
import { setApprovalPolicy, type SetApprovalPolicyInput } from "@/lib/approvals/set-approval-policy";
import { createEnvironment, type CreateEnvironmentInput } from "@/lib/environments/create-environment";

export async function createEnvironmentAction(input: CreateEnvironmentInput) {
  return runAction(async (actor) => ({ key: (await createEnvironment(actor, input)).key }));
}

/** A conflict carries the policy as it is now (null: none yet). */
export async function setApprovalPolicyAction(input: SetApprovalPolicyInput) {
  return runAction<ApprovalPolicyView, ApprovalPolicyView | null>((actor) => setApprovalPolicy(actor, input));
}
