"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CopyButton } from "@/components/common/copy-button";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import { EMBED_THEMES, type CreateEmbedLinkInput, type EmbedTheme } from "@/lib/embeds/embed-schemas";
import { embedSnippet } from "./embed-snippet";

type Created = { token: string; name: string; prefix: string; expiresAt: string | null };
type Option = { key: string; name: string };

type Props = {
  teamSlug: string;
  releaseKey: string;
  releaseName: string;
  environment: { key: string; name: string };
  cohorts: Option[];
  metrics: Option[];
  origin: string;
  submit: Action<CreateEmbedLinkInput, Created>;
};

const EXPIRY = [
  { label: "Never (until revoked)", days: null },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
];

function toggle(list: string[], key: string): string[] {
  return list.includes(key) ? list.filter((k) => k !== key) : [...list, key];
}

/** Editors make a read-only link to these charts for one environment; the token shows once. */
export function CreateEmbedForm(props: Props) {
  const router = useRouter();
  const allCohorts = [...props.cohorts, { key: "default", name: "Everyone else" }];
  const [name, setName] = useState(`${props.releaseName} · ${props.environment.name}`);
  // Unpinned by default: the link shows the cohorts with data and the release's guardrail
  // metrics as they are when it is opened, not a wall of empty panels fixed today.
  const [pinCohorts, setPinCohorts] = useState(false);
  const [pinMetrics, setPinMetrics] = useState(false);
  const [cohortKeys, setCohortKeys] = useState<string[]>(allCohorts.map((c) => c.key));
  const [metricKeys, setMetricKeys] = useState<string[]>(props.metrics.map((m) => m.key));
  const [range, setRange] = useState("24h");
  const [theme, setTheme] = useState<EmbedTheme>("auto");
  const [origins, setOrigins] = useState("");
  const [expiry, setExpiry] = useState<number | null>(90);
  const [created, setCreated] = useState<Created | null>(null);
  const { fieldErrors: errors, message, pending, run } = useAction(props.submit);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    run(
      {
        teamSlug: props.teamSlug,
        releaseKey: props.releaseKey,
        environmentKey: props.environment.key,
        name,
        // Empty = not pinned: chosen when the link is opened (lib/embeds/embed-chart-data.ts).
        cohortKeys: pinCohorts ? cohortKeys : [],
        metricKeys: pinMetrics ? metricKeys : [],
        range,
        theme,
        allowedOrigins: origins.split(/[\s,]+/),
        expiresInDays: expiry,
      },
      {
        onSuccess: (data) => {
          setCreated(data);
          router.refresh();
        },
      },
    );
  }

  if (created) {
    const url = `${props.origin}/embed/${created.token}`;
    const snippet = embedSnippet(props.origin, created.token, name);
    return (
      <div
        role="status"
        className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm dark:border-emerald-800 dark:bg-emerald-950"
      >
        <p className="font-semibold">
          Embed link “{created.name}” created. Copy it now: the link won&apos;t be shown again.
        </p>
        <div>
          <p className="mb-1 text-xs font-medium">Paste into your page</p>
          <pre
            data-testid="embed-snippet"
            className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-xs dark:bg-zinc-900"
          >
            {snippet}
          </pre>
          <div className="mt-1">
            <CopyButton text={snippet} label="Copy snippet" />
          </div>
        </div>
        <p className="flex flex-wrap items-center gap-2 text-xs">
          Link:{" "}
          <code data-testid="embed-url" className="break-all font-mono">
            {url}
          </code>{" "}
          <CopyButton text={url} label="Copy link" />
        </p>
        <p className="flex flex-wrap items-center gap-2 text-xs">
          Image (for places without iframes): <code className="break-all font-mono">{url}/chart.svg</code>{" "}
          <CopyButton text={`${url}/chart.svg`} label="Copy SVG URL" />
          <CopyButton text={`${url}/chart.png`} label="Copy PNG URL" />
        </p>
        <button type="button" className="btn-secondary" onClick={() => setCreated(null)}>
          Make another
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2" noValidate aria-label="New embed link">
      <Field id="embed-name" label="Name" errors={errors.name}>
        <input id="embed-name" className="input" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field
        id="embed-origins"
        label="Pages allowed to show it (origins)"
        hint="One per line, e.g. https://wiki.example.com. Other sites' frames are refused by the browser."
        errors={errors.allowedOrigins}
      >
        <textarea
          id="embed-origins"
          className="input min-h-16 font-mono text-xs"
          value={origins}
          onChange={(e) => setOrigins(e.target.value)}
          placeholder="https://wiki.example.com"
        />
      </Field>
      <fieldset>
        <legend className="label">Cohorts</legend>
        <PinChoice
          name="embed-cohorts"
          pinned={pinCohorts}
          onChange={setPinCohorts}
          automatic="Those with data when the chart is opened"
          pick="These cohorts"
        />
        <div className={pinCohorts ? "flex flex-wrap gap-x-4 gap-y-1 text-sm" : "hidden"}>
          {allCohorts.map((c) => (
            <label key={c.key} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={cohortKeys.includes(c.key)}
                onChange={() => setCohortKeys((list) => toggle(list, c.key))}
              />
              {c.name}
            </label>
          ))}
        </div>
        {errors.cohortKeys?.map((e) => (
          <p key={e} className="field-error">
            {e}
          </p>
        ))}
      </fieldset>
      <fieldset>
        <legend className="label">Metrics</legend>
        <PinChoice
          name="embed-metrics"
          pinned={pinMetrics}
          onChange={setPinMetrics}
          automatic="The release's guardrail metrics (all metrics when no rollout plan guards any)"
          pick="These metrics"
        />
        <div className={pinMetrics ? "flex flex-wrap gap-x-4 gap-y-1 text-sm" : "hidden"}>
          {props.metrics.map((m) => (
            <label key={m.key} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={metricKeys.includes(m.key)}
                onChange={() => setMetricKeys((list) => toggle(list, m.key))}
              />
              {m.name}
            </label>
          ))}
        </div>
        {errors.metricKeys?.map((e) => (
          <p key={e} className="field-error">
            {e}
          </p>
        ))}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3 md:col-span-2">
        <Field id="embed-range" label="Range" errors={errors.range}>
          <select id="embed-range" className="input" value={range} onChange={(e) => setRange(e.target.value)}>
            <option value="1h">Last hour</option>
            <option value="6h">Last 6 hours</option>
            <option value="24h">Last 24 hours</option>
            <option value="7d">Last 7 days</option>
          </select>
        </Field>
        <Field id="embed-theme" label="Theme" errors={errors.theme}>
          <select
            id="embed-theme"
            className="input"
            value={theme}
            onChange={(e) => setTheme(EMBED_THEMES.find((t) => t === e.target.value) ?? "auto")}
          >
            <option value="auto">Auto (reader&apos;s system)</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </Field>
        <Field id="embed-expiry" label="Expires" errors={errors.expiresInDays}>
          <select
            id="embed-expiry"
            className="input"
            value={expiry ?? ""}
            onChange={(e) => setExpiry(e.target.value ? Number(e.target.value) : null)}
          >
            {EXPIRY.map((o) => (
              <option key={o.label} value={o.days ?? ""}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary whitespace-nowrap" disabled={pending}>
          {pending ? "Creating…" : "Create embed link"}
        </button>
        <p className="muted text-xs">
          Read-only: it shows these charts and nothing else, refreshes itself, and stops working when revoked or
          expired.
        </p>
      </div>
      {message && (
        <p role="alert" className="field-error md:col-span-2">
          {message}
        </p>
      )}
    </form>
  );
}

/** Automatic (chosen when the link is opened) or pinned to the boxes below. */
function PinChoice(props: {
  name: string;
  pinned: boolean;
  onChange: (pinned: boolean) => void;
  automatic: string;
  pick: string;
}) {
  return (
    <div className="mb-1 space-y-0.5 text-sm">
      <label className="flex items-start gap-1.5">
        <input
          type="radio"
          name={props.name}
          className="mt-1"
          checked={!props.pinned}
          onChange={() => props.onChange(false)}
        />
        {props.automatic}
      </label>
      <label className="flex items-start gap-1.5">
        <input
          type="radio"
          name={props.name}
          className="mt-1"
          checked={props.pinned}
          onChange={() => props.onChange(true)}
        />
        {props.pick}
      </label>
    </div>
  );
}
