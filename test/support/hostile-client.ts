import http from "node:http";

export type Upload = {
  /** null when the connection failed before any answer arrived. */
  status: number | null;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Bytes handed to the socket when the answer arrived (or when the connection failed). */
  sentBeforeAnswer: number;
  error: string | null;
};

export type UploadOptions = {
  method?: string;
  headers?: Record<string, string>;
  totalBytes: number;
  chunkBytes?: number;
  /** Send Content-Length (the true total) instead of chunked transfer-encoding. */
  declareLength?: boolean;
  /** Stop sending after this many bytes and reset the connection (a client that gives up mid-body). */
  abortAfter?: number;
};

/**
 * A client that sends a body the slow, honest way: chunk by chunk, the next one only when the
 * socket has taken the last, and no more once the server has answered. So `sentBeforeAnswer`
 * bounds what the server read before answering (plus what sits in socket buffers).
 * Uses node:http rather than fetch: fetch can't stop sending mid-body or declare a length.
 */
export function upload(url: string, options: UploadOptions): Promise<Upload> {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const filler = Buffer.alloc(chunkBytes, 0x61);
  return new Promise((resolve) => {
    let sent = 0;
    let answeredAt: number | null = null;
    let settled = false;
    const settle = (result: Upload) => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve(result);
    };
    const request = http.request(url, {
      method: options.method ?? "POST",
      headers: {
        "content-type": "application/json",
        ...options.headers,
        ...(options.declareLength ? { "content-length": String(options.totalBytes) } : {}),
      },
    });
    request.on("response", (response) => {
      answeredAt = sent;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      const done = () =>
        settle({
          status: response.statusCode ?? null,
          headers: response.headers,
          body: Buffer.concat(parts).toString("utf8"),
          sentBeforeAnswer: answeredAt ?? sent,
          error: null,
        });
      response.on("end", done);
      response.on("error", done);
      response.on("close", done);
    });
    request.on("error", (error) => {
      if (answeredAt === null)
        settle({ status: null, headers: {}, body: "", sentBeforeAnswer: sent, error: error.message });
    });
    const pump = () => {
      while (answeredAt === null && !settled && sent < options.totalBytes) {
        if (options.abortAfter !== undefined && sent >= options.abortAfter) {
          request.destroy();
          settle({ status: null, headers: {}, body: "", sentBeforeAnswer: sent, error: "aborted by the client" });
          return;
        }
        const size = Math.min(chunkBytes, options.totalBytes - sent);
        sent += size;
        if (!request.write(size === chunkBytes ? filler : filler.subarray(0, size))) {
          request.once("drain", pump);
          return;
        }
      }
      if (answeredAt === null && !settled) request.end();
    };
    pump();
  });
}

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request with the path sent exactly as given (fetch would normalise `..` and re-encode),
 * on a fresh connection.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  rawPath: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({
      hostname,
      port,
      method,
      path: rawPath,
      agent: false,
      headers: {
        ...(body === undefined
          ? {}
          : { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }),
        ...headers,
      },
    });
    request.on("response", (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(parts).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
