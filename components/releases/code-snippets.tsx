"use client";

import { useState } from "react";
import { CopyButton } from "@/components/common/copy-button";

type Props = { releaseKey: string; environmentName: string; origin: string; apiKeysHref: string };

/** How to ask for this release from code, with the official OpenFeature OFREP providers. */
export function CodeSnippets({ releaseKey, environmentName, origin, apiKeysHref }: Props) {
  const key = `<SDK key for ${environmentName}>`;
  const snippets = {
    "Node.js": `import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";

await OpenFeature.setProviderAndWait(
  new OFREPProvider({ baseUrl: "${origin}", headers: [["Authorization", "Bearer ${key}"]] }),
);
const client = OpenFeature.getClient();
const enabled = await client.getBooleanValue("${releaseKey}", false, {
  targetingKey: user.id, country: user.country, platform: "web",
});`,
    Browser: `import { OpenFeature } from "@openfeature/web-sdk";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";

await OpenFeature.setContext({ targetingKey: user.id, country: user.country });
await OpenFeature.setProviderAndWait(
  new OFREPWebProvider({ baseUrl: "${origin}", headers: [["Authorization", "Bearer ${key}"]], pollInterval: 30000 }),
);
const enabled = OpenFeature.getClient().getBooleanValue("${releaseKey}", false);`,
    curl: `curl -s -X POST ${origin}/ofrep/v1/evaluate/flags/${releaseKey} \\
  -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\
  -d '{"context":{"targetingKey":"user-42","country":"DE"}}'`,
  };
  const [tab, setTab] = useState<keyof typeof snippets>("Node.js");
  return (
    <section className="card" aria-labelledby="code-heading">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <h2 id="code-heading" className="font-semibold">
          Use it from code
        </h2>
        <div role="tablist" aria-label="Language" className="flex gap-1">
          {(Object.keys(snippets) as (keyof typeof snippets)[]).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? "btn-primary px-2 py-1 text-xs" : "btn-secondary px-2 py-1 text-xs"}
              onClick={() => setTab(name)}
            >
              {name}
            </button>
          ))}
        </div>
      </div>
      <div className="relative px-5 py-4">
        <pre
          tabIndex={0}
          role="region"
          aria-label={`${tab} example`}
          className="overflow-x-auto rounded-lg bg-zinc-950 p-4 text-xs leading-relaxed text-zinc-100"
        >
          <code>{snippets[tab]}</code>
        </pre>
        <div className="absolute right-7 top-6">
          <CopyButton text={snippets[tab]} />
        </div>
        <p className="muted mt-2 text-xs">
          Any OpenFeature SDK with an OFREP provider works. Create a key for {environmentName} on{" "}
          <a href={apiKeysHref} className="link">
            API keys
          </a>
          ; evaluations report the variant (treatment/control) and the cohort in metadata, so you can tag your metrics.
        </p>
      </div>
    </section>
  );
}
