import Link from "next/link";
import { CopyButton } from "@/components/common/copy-button";

type Props = {
  teamSlug: string;
  releaseKey: string;
  environmentName: string;
  origin: string;
  /** A built-in metric to use in the example; null when the team has none. */
  metricKey: string | null;
  rangeLabel: string;
};

/** The empty state: what would put data here, ready to copy. */
export function NoDataYet({ teamSlug, releaseKey, environmentName, origin, metricKey, rangeLabel }: Props) {
  const body = {
    observations: [
      { metric: metricKey ?? "errors", release: releaseKey, cohort: "default", variant: "treatment", value: 1 },
    ],
  };
  const curl = `curl -X POST ${origin}/api/v1/metrics \\
  -H "Authorization: Bearer $GLIDEPATH_SDK_KEY" -H "Content-Type: application/json" \\
  -d '${JSON.stringify(body)}'`;
  const link = "link";
  return (
    <div className="card space-y-3 px-5 py-4 text-sm">
      <p className="font-medium">No data yet</p>
      <p className="muted">
        Nothing was recorded for <span className="font-mono">{releaseKey}</span> in {environmentName} {rangeLabel}.
        Evaluations through the evaluation API are counted as exposures on their own; metrics come from your
        application, tagged with the cohort and variant each evaluation returned. With an SDK key for {environmentName}{" "}
        (
        <Link href={`/teams/${teamSlug}/api-keys`} className={link}>
          API keys
        </Link>
        ):
      </p>
      <div className="relative">
        <pre
          tabIndex={0}
          role="region"
          aria-label="Example: send data with curl"
          className="overflow-x-auto rounded-lg bg-zinc-950 p-4 pr-20 text-xs leading-relaxed text-zinc-100"
        >
          <code>{curl}</code>
        </pre>
        <div className="absolute right-2 top-2">
          <CopyButton text={curl} />
        </div>
      </div>
      <p className="muted">
        {metricKey
          ? "Which metrics are charted, and how to send each kind, is on the "
          : "This team has no metrics yet: define some on the "}
        <Link href={`/teams/${teamSlug}/metrics`} className={link}>
          Metrics page
        </Link>
        .
      </p>
    </div>
  );
}
