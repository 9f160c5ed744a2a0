/*
 * What a transport may answer to hostile input, as plain checks (a problem, or null) shared by
 * the Vitest and Playwright fuzz suites, so a failing run lists every case at once.
 */

export type Answer = { status: number; body: string };

const OFREP_ERROR_CODES = ["PARSE_ERROR", "TARGETING_KEY_MISSING", "INVALID_CONTEXT", "GENERAL", "FLAG_NOT_FOUND"];

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** An OFREP answer to an authenticated request: a result, or an error in OFREP's shape. */
export function ofrepProblem(answer: Answer, flagKey: string | null): string | null {
  if (answer.status >= 500) return `${answer.status}: ${answer.body.slice(0, 300)}`;
  if (![200, 400, 404, 413].includes(answer.status)) return `unexpected ${answer.status}`;
  const parsed = json(answer.body) as
    { errorCode?: string; key?: string; value?: unknown; flags?: unknown } | undefined;
  if (!parsed) return `${answer.status} without a JSON body`;
  if (answer.status === 200)
    return (flagKey === null ? Array.isArray(parsed.flags) : typeof parsed.value === "boolean")
      ? null
      : "200 without a result";
  if (!OFREP_ERROR_CODES.includes(parsed.errorCode ?? "")) return `errorCode ${parsed.errorCode}`;
  if (flagKey !== null && parsed.key !== flagKey) return `error for key ${parsed.key}, asked ${flagKey}`;
  return null;
}

/** An ingest answer: never a 5xx; a batch that must be refused accepts nothing. */
export function ingestProblem(answer: Answer, mustReject: boolean): string | null {
  if (answer.status >= 500) return `${answer.status}: ${answer.body.slice(0, 300)}`;
  if (![200, 400, 413].includes(answer.status)) return `unexpected ${answer.status}`;
  const parsed = json(answer.body) as { accepted?: number; error?: string } | undefined;
  if (!parsed) return `${answer.status} without a JSON body`;
  if (answer.status === 200 && typeof parsed.accepted !== "number") return "200 without counts";
  if (answer.status !== 200 && typeof parsed.error !== "string" && typeof parsed.accepted !== "number")
    return `${answer.status} without an error`;
  if (mustReject && (parsed.accepted ?? 0) > 0) return `accepted ${parsed.accepted} item(s) that must be refused`;
  return null;
}

/** Any other route: never a 5xx. */
export function serverErrorProblem(answer: Answer): string | null {
  return answer.status >= 500 ? `${answer.status}: ${answer.body.slice(0, 300)}` : null;
}
