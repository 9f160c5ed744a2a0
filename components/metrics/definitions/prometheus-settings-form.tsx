"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { useHydrated } from "@/components/common/use-hydrated";
import { Field } from "@/components/forms/field";
import { useAction } from "@/components/forms/use-action";
import type { Action } from "@/lib/http/actions/action-result";
import {
  prometheusTokenSchema,
  prometheusUrlSchema,
  type PrometheusSettingsInput,
} from "@/lib/metrics/definitions/prometheus-settings-schema";

type Settings = { url: string | null; tokenSet: boolean };

type Props = {
  teamSlug: string;
  settings: Settings;
  submit: Action<PrometheusSettingsInput, Settings>;
};

function firstError(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] | undefined {
  return result.success ? undefined : result.error?.issues.map((i) => i.message);
}

/** The team's Prometheus URL and bearer token. The page never holds the token, only whether one is set. */
export function PrometheusSettingsForm({ teamSlug, settings, submit }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [url, setUrl] = useState(settings.url ?? "");
  const [token, setToken] = useState("");
  const [clearToken, setClearToken] = useState(false);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState(false);
  const { fieldErrors: errors, message, pending, run, clearField } = useAction(submit);

  const live = useMemo(
    () => ({
      url: firstError(prometheusUrlSchema.safeParse(url)),
      token: firstError(prometheusTokenSchema.safeParse(token)),
    }),
    [url, token],
  );
  const urlErrors = errors.url?.length ? errors.url : touched ? live.url : undefined;
  const tokenErrors = errors.token?.length ? errors.token : touched ? live.token : undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (live.url || live.token) return;
    run(
      { teamSlug, url, token, clearToken },
      {
        onSuccess: (next) => {
          setUrl(next.url ?? "");
          setToken("");
          setClearToken(false);
          setSaved(true);
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message && (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {message}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          id="prometheus-url"
          label="Prometheus URL"
          hint="Base URL; Glidepath calls /api/v1/query_range and /api/v1/query under it. Empty: no Prometheus."
          errors={urlErrors}
        >
          <input
            id="prometheus-url"
            className="input font-mono"
            value={url}
            inputMode="url"
            placeholder="http://prometheus:9090"
            aria-invalid={urlErrors?.length ? true : undefined}
            onChange={(e) => {
              setUrl(e.target.value);
              setTouched(true);
              setSaved(false);
              clearField("url");
            }}
          />
        </Field>
        <Field
          id="prometheus-token"
          label="Bearer token (optional)"
          hint={
            settings.tokenSet
              ? "A token is set. Leave blank to keep it, or enter a new one to replace it."
              : "Not set. Sent as “Authorization: Bearer …” when present."
          }
          errors={tokenErrors}
        >
          <input
            id="prometheus-token"
            type="password"
            className="input font-mono"
            value={token}
            autoComplete="off"
            disabled={clearToken}
            placeholder={settings.tokenSet ? "•••••••• (unchanged)" : ""}
            aria-invalid={tokenErrors?.length ? true : undefined}
            onChange={(e) => {
              setToken(e.target.value);
              setTouched(true);
              setSaved(false);
              clearField("token");
            }}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <button type="submit" className="btn-primary" disabled={pending || !hydrated}>
          {pending ? "Saving…" : "Save backend"}
        </button>
        {settings.tokenSet && (
          <label className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={clearToken}
              onChange={(e) => {
                setClearToken(e.target.checked);
                if (e.target.checked) setToken("");
                setSaved(false);
              }}
            />
            Remove the stored token
          </label>
        )}
        {saved && (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
