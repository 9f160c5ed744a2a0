import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { discardRestOfBody } from "./node-response";

/** What the listener calls when work it scheduled itself (an event callback) fails. */
export type Fail = (error: unknown) => void;

type Listener = (req: IncomingMessage, res: ServerResponse, fail: Fail) => void | Promise<void>;

/** Logs a failure that reached the last resort; swappable so tests can keep their output clean. */
export type FailureLog = (message: string, error: unknown) => void;

const ignore = () => undefined;

const defaultLog: FailureLog = (message, error) => console.error(message, error);

/**
 * The last resort of every request on a node:http server: a synchronous throw, a rejected
 * promise from the listener, or a failure it reports through `fail` from its own callbacks is
 * logged and answered with a 500 (or, once headers are out, the connection is closed), and
 * stream errors (a client that resets mid-body or mid-answer) are
 * absorbed, so one request can never end the process. A body the listener answered without
 * reading to the end is drained only up to a bound (node-response.ts).
 */
export function guardNodeListener(
  listener: Listener,
  failureBody: string,
  log: FailureLog = defaultLog,
): RequestListener {
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    log(`[http] ${req.method} ${req.url} failed`, error);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(failureBody);
  };
  return (req, res) => {
    // A response written to after its end emits 'error', which would be uncaught without a
    // listener. (A request emits 'error' only to listeners; readers add their own.)
    res.on("error", ignore);
    res.on("finish", () => discardRestOfBody(req));
    const failed: Fail = (error) => fail(req, res, error);
    try {
      const pending = listener(req, res, failed);
      if (pending) pending.catch(failed);
    } catch (error) {
      failed(error);
    }
  };
}
