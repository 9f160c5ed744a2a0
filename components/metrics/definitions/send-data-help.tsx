import { CopyButton } from "@/components/common/copy-button";

type Props = { origin: string; metricKey: string; apiKeysHref: string };

const FIELDS: [string, string][] = [
  ["metric", "a built-in metric's key from this page"],
  [
    "release, cohort, variant",
    "as the evaluation reported them: the release key, the cohort key from its metadata (or default), treatment or control",
  ],
  ["value", "one sample: a latency in the metric's unit, 1 or 0 for an error, an amount for a mean"],
  ["count, sum", "instead of value, pre-aggregated: e.g. count = requests and sum = errors since the last send"],
  ["timestamp", "optional; when it happened (defaults to when it arrives)"],
];

/** The ingest call for built-in metrics, ready to copy. */
export function SendDataHelp({ origin, metricKey, apiKeysHref }: Props) {
  const body = {
    observations: [{ metric: metricKey, release: "new-checkout", cohort: "mobile", variant: "treatment", value: 1 }],
  };
  const curl = `curl -s -X POST ${origin}/api/v1/metrics \\
  -H "Authorization: Bearer <SDK key>" -H "Content-Type: application/json" \\
  -d '${JSON.stringify(body)}'`;
  return (
    <section className="card" aria-labelledby="send-data-heading">
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <h2 id="send-data-heading" className="font-semibold">
          How to send data
        </h2>
        <CopyButton text={curl} label="Copy curl" />
      </div>
      <div className="space-y-3 px-5 py-4 text-sm">
        <p className="muted">
          Applications send observations of built-in metrics in batches, with an SDK key: the key decides the
          environment. Create one on{" "}
          <a href={apiKeysHref} className="link">
            API keys
          </a>
          .
        </p>
        <pre
          tabIndex={0}
          role="region"
          aria-label="Example: send observations with curl"
          className="overflow-x-auto rounded-lg bg-zinc-950 p-4 text-xs leading-relaxed text-zinc-100 ring-1 ring-inset ring-zinc-800"
        >
          <code>{curl}</code>
        </pre>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          {FIELDS.map(([name, text]) => (
            <div key={name} className="contents">
              <dt className="font-mono text-xs leading-5">{name}</dt>
              <dd className="muted mb-1 text-xs leading-5 sm:mb-0">{text}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
