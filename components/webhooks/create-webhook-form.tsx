"use client";

import clsx from "clsx";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/webhook-event";
import type { CreateWebhookInput } from "@/lib/webhooks/webhook-schemas";
import { SecretNotice } from "./secret-notice";

type Created = { id: string; name: string; secret: string };

type Props = {
  teamSlug: string;
  submit: Action<CreateWebhookInput, Created>;
};

const FORMATS = [
  { value: "slack", label: "Slack", hint: "Incoming-webhook message: summary, release, environment, who, and a link." },
  { value: "generic", label: "Generic JSON", hint: "The event as versioned JSON, for your own services." },
] as const;

const GROUPS: { label: string; events: WebhookEventType[] }[] = [
  { label: "Change requests", events: WEBHOOK_EVENT_TYPES.filter((e) => e.startsWith("change_request.")) },
  { label: "Rollouts", events: WEBHOOK_EVENT_TYPES.filter((e) => e.startsWith("rollout.")) },
];

export function CreateWebhookForm({ teamSlug, submit }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<"slack" | "generic">("slack");
  const [allEvents, setAllEvents] = useState(true);
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [created, setCreated] = useState<Created | null>(null);
  const { fieldErrors: errors, message, pending, run, clearField, fail } = useAction(submit);
  const eventErrors = Object.entries(errors)
    .filter(([field]) => field === "events" || field.startsWith("events."))
    .flatMap(([, messages]) => messages);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!allEvents && events.length === 0) {
      fail("Pick at least one event, or choose all events.");
      return;
    }
    run(
      { teamSlug, name, url, format, events: allEvents ? [] : events },
      {
        onSuccess: (data) => {
          setCreated(data);
          setName("");
          setUrl("");
          setAllEvents(true);
          setEvents([]);
          router.refresh();
        },
      },
    );
  }

  function toggle(type: WebhookEventType) {
    setEvents((current) => (current.includes(type) ? current.filter((e) => e !== type) : [...current, type]));
  }

  return (
    <div className="space-y-3">
      {created && (
        <SecretNotice
          title={`Webhook “${created.name}” added.`}
          secret={created.secret}
          onDismiss={() => setCreated(null)}
        />
      )}
      <form onSubmit={onSubmit} className="card space-y-4 p-5" noValidate aria-labelledby="new-webhook-heading">
        <h2 id="new-webhook-heading" className="font-semibold">
          Add a webhook
        </h2>
        <div className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
          <Field id="webhook-name" label="Name" errors={errors.name}>
            <input
              id="webhook-name"
              className="input"
              value={name}
              aria-invalid={errors.name?.length ? true : undefined}
              onChange={(e) => {
                setName(e.target.value);
                clearField("name");
              }}
              placeholder="#releases"
            />
          </Field>
          <Field
            id="webhook-url"
            label="URL"
            hint="HTTPS; plain http:// only to localhost. Internal addresses (localhost, private networks) only once allowed below."
            errors={errors.url}
          >
            <input
              id="webhook-url"
              className="input font-mono"
              type="url"
              inputMode="url"
              value={url}
              aria-invalid={errors.url?.length ? true : undefined}
              onChange={(e) => {
                setUrl(e.target.value);
                clearField("url");
              }}
              placeholder="https://hooks.slack.com/services/…"
            />
          </Field>
        </div>

        <fieldset>
          <legend className="label">Format</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {FORMATS.map((f) => (
              <label
                key={f.value}
                className={clsx(
                  "flex cursor-pointer gap-2 rounded-lg border p-3 text-sm",
                  format === f.value
                    ? "border-brand-500 bg-brand-50 dark:bg-brand-500/10"
                    : "border-zinc-300 dark:border-zinc-700",
                )}
              >
                <input
                  type="radio"
                  name="webhook-format"
                  value={f.value}
                  checked={format === f.value}
                  onChange={() => setFormat(f.value)}
                  className="mt-0.5 accent-brand-600"
                />
                <span>
                  <span className="block font-medium">{f.label}</span>
                  <span className="muted block text-xs">{f.hint}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.format?.map((e) => (
            <p key={e} className="field-error">
              {e}
            </p>
          ))}
        </fieldset>

        <fieldset>
          <legend className="label">Events</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="webhook-events"
                checked={allEvents}
                onChange={() => setAllEvents(true)}
                className="accent-brand-600"
              />
              All events, including ones added later
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="webhook-events"
                checked={!allEvents}
                onChange={() => setAllEvents(false)}
                className="accent-brand-600"
              />
              Only these
            </label>
          </div>
          {!allEvents && (
            <div className="mt-3 grid gap-3 sm:grid-cols-2">
              {GROUPS.map((group) => (
                <div
                  key={group.label}
                  role="group"
                  aria-label={group.label}
                  className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
                >
                  <p className="muted mb-1.5 text-xs font-medium uppercase tracking-wide">{group.label}</p>
                  <div className="space-y-1">
                    {group.events.map((type) => (
                      <label key={type} className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          checked={events.includes(type)}
                          onChange={() => toggle(type)}
                          className="accent-brand-600"
                        />
                        {WEBHOOK_EVENT_LABELS[type]}
                        <span className="muted font-mono text-xs">{type}</span>
                      </label>
                    ))}
                  </div>
                </div>
              ))}
            </div>
          )}
          {eventErrors.map((e) => (
            <p key={e} className="field-error">
              {e}
            </p>
          ))}
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Adding…" : "Add webhook"}
          </button>
          {message && (
            <p role="alert" className="field-error mt-0">
              {message}
            </p>
          )}
        </div>
      </form>
    </div>
  );
}
