"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { createEnvironment } from "@/lib/environments/create-environment";

export async function createEnvironmentAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ key: (await createEnvironment(actor, input)).key }));
}

export async function setApprovalPolicyAction(input: Record<string, unknown>) {
  return runAction((actor) => setApprovalPolicy(actor, input));
}
