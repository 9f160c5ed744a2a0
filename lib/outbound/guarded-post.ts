import http from "node:http";
import https from "node:https";
import type { AllowEntry } from "./allow-list";
import { guardedLookup, refusal, type Destination, type Lookup } from "./destination-check";
import { parseIp } from "./ip-address";

export type GuardedPostInput = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** The team's allow list of internal destinations. */
  allow: readonly AllowEntry[];
  /** The resolver under the check (default: the system's, as any connection would use). */
  resolve?: Lookup;
  /** How much of the answer's body to keep. */
  maxBodyBytes?: number;
};

export type GuardedResponse = { status: number; location: string | null; body: string };

export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Timed out after ${timeoutMs / 1000} s`);
    this.name = "TimeoutError";
  }
}

/**
 * One POST that can only reach addresses the destination check lets through, checked on the
 * address the socket connects to. Never follows redirects; a fresh connection each time, so
 * an allow list change applies to the next request. Resolves with the status, the Location
 * and the start of the body; rejects with the network error, a BlockedDestinationError or a
 * RequestTimeoutError.
 */
export function guardedPost(input: GuardedPostInput): Promise<GuardedResponse> {
  const url = new URL(input.url);
  const destination: Destination = {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: Number(url.port) || (url.protocol === "https:" ? 443 : 80),
    allow: input.allow,
  };
  // node:net skips `lookup` for an IP literal: check it here.
  const literal = parseIp(destination.host);
  const refused = literal ? refusal(destination, literal) : null;
  if (refused) return Promise.reject(refused);
  const maxBodyBytes = input.maxBodyBytes ?? 1024;

  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: { ...input.headers, "content-length": String(Buffer.byteLength(input.body)) },
      lookup: guardedLookup(destination, input.resolve) as never,
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new RequestTimeoutError(input.timeoutMs)), input.timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        clearTimeout(timer);
        const location = response.headers.location ?? null;
        resolve({ status: response.statusCode ?? 0, location, body: Buffer.concat(chunks).toString("utf8") });
        response.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        if (size >= maxBodyBytes) return;
        chunks.push(chunk.subarray(0, maxBodyBytes - size));
        size += chunk.length;
        if (size >= maxBodyBytes) finish();
      });
      response.on("end", finish);
      // A body cut short is still worth showing.
      response.on("error", finish);
      response.on("aborted", finish);
    });
    request.end(input.body);
  });
}
