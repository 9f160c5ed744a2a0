import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { INGEST_WINDOW_MS } from "../../lib/metrics/ingest/observation-schema";

export type DemoOptions = {
  baseUrl: string;
  sdkKey: string;
  usersPerSecond: number;
  backfillHours: number;
  /** Seconds of live traffic; null runs until stopped, 0 only back-fills. */
  durationSeconds: number | null;
  poolSize: number;
  seed: number;
  /** Where "sent until" is remembered; null remembers nothing. */
  stateFile: string | null;
  logEverySeconds: number;
};

export const USAGE = `Simulated shop traffic for the Glidepath demo team.

  npm run demo:traffic -- [options]

  --url <url>               Glidepath base URL            (GLIDEPATH_URL, default http://localhost:3000)
  --key <sdk key>           SDK key of the demo team's environment
                            (GLIDEPATH_DEMO_SDK_KEY, default: the key npm start keeps in data/.demo-sdk-key)
  --users-per-second <n>    Simulated visits per second   (GLIDEPATH_DEMO_USERS_PER_SECOND, default 20)
  --backfill-hours <n>      Back-dated history to send at start, 0 for none (GLIDEPATH_DEMO_BACKFILL_HOURS, default 24)
  --duration <seconds>      Stop after this much live traffic; 0 only back-fills (default: until Ctrl-C)
  --pool-size <n>           Distinct synthetic users      (default 10000)
  --seed <n>                Seed of the simulation        (GLIDEPATH_DEMO_SEED, default 1)
  --state-file <path|none>  Remembers until when data was sent, so a restart back-fills only the gap
                            (GLIDEPATH_DEMO_STATE_FILE, default data/.demo-traffic.json)
  --log-every <seconds>     One summary line this often   (default 10)
`;

const MAX_BACKFILL_HOURS = Math.floor(INGEST_WINDOW_MS / 3_600_000) - 1;

/** Arguments win over environment variables; anything malformed is an error naming the option. */
export function parseOptions(
  argv: string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd = process.cwd(),
): DemoOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: "string" },
      key: { type: "string" },
      "users-per-second": { type: "string" },
      "backfill-hours": { type: "string" },
      duration: { type: "string" },
      "pool-size": { type: "string" },
      seed: { type: "string" },
      "state-file": { type: "string" },
      "log-every": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";

  const baseUrl = values.url ?? env.GLIDEPATH_URL ?? "http://localhost:3000";
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) throw new Error(`--url: "${baseUrl}" is not an http(s) URL`);
  const keyFile = path.join(cwd, "data", ".demo-sdk-key");
  const sdkKey = (
    values.key ??
    env.GLIDEPATH_DEMO_SDK_KEY ??
    (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, "utf8") : "")
  ).trim();
  if (!sdkKey)
    throw new Error(
      "--key: no SDK key; pass --key, set GLIDEPATH_DEMO_SDK_KEY, or run npm start once (it keeps the demo key in data/.demo-sdk-key)",
    );
  const stateFile =
    values["state-file"] ?? env.GLIDEPATH_DEMO_STATE_FILE ?? path.join(cwd, "data", ".demo-traffic.json");

  return {
    baseUrl: baseUrl.replace(/\/+$/, ""),
    sdkKey,
    usersPerSecond: number(
      "--users-per-second",
      values["users-per-second"] ?? env.GLIDEPATH_DEMO_USERS_PER_SECOND,
      20,
      { min: 0.1, max: 5_000 },
    ),
    backfillHours: number("--backfill-hours", values["backfill-hours"] ?? env.GLIDEPATH_DEMO_BACKFILL_HOURS, 24, {
      min: 0,
      max: MAX_BACKFILL_HOURS,
    }),
    durationSeconds:
      values.duration === undefined
        ? null
        : number("--duration", values.duration, 0, { min: 0, max: Number.MAX_SAFE_INTEGER }),
    poolSize: number("--pool-size", values["pool-size"], 10_000, { min: 1, max: 1_000_000, integer: true }),
    seed: number("--seed", values.seed ?? env.GLIDEPATH_DEMO_SEED, 1, { min: 0, max: 2 ** 32 - 1, integer: true }),
    stateFile: stateFile === "" || stateFile === "none" ? null : path.resolve(cwd, stateFile),
    logEverySeconds: number("--log-every", values["log-every"], 10, { min: 1, max: 3_600 }),
  };
}

function number(
  name: string,
  raw: string | undefined,
  fallback: number,
  bounds: { min: number; max: number; integer?: boolean },
): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (
    !Number.isFinite(value) ||
    (bounds.integer && !Number.isInteger(value)) ||
    value < bounds.min ||
    value > bounds.max
  ) {
    throw new Error(
      `${name}: "${raw}" must be a${bounds.integer ? " whole" : ""} number from ${bounds.min} to ${bounds.max}`,
    );
  }
  return value;
}
