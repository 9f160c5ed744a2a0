"use server";

import { runAction } from "@/lib/actions/run-action";
import { createEnvironment } from "@/lib/environments/create-environment";

export async function createEnvironmentAction(input: Record<string, unknown>) {
  return runAction(async (actor) => ({ key: (await createEnvironment(actor, input)).key }));
}
