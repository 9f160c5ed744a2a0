import { RolloutHealthCells } from "@/components/teams/rollout-health-cells";
import { readRolloutHealth, type HealthScope } from "@/lib/metrics/rollout-health";

/** Streams into its row under <Suspense>: the table is on screen before any metric is read. */
export async function RolloutHealthCell({
  scope,
  releaseKey,
  releaseHref,
}: {
  scope: HealthScope;
  releaseKey: string;
  releaseHref: string;
}) {
  return <RolloutHealthCells health={await readRolloutHealth(scope, releaseKey)} releaseHref={releaseHref} />;
}
