/**
 * The process-wide last resort of a server entry point (the dedicated OFREP server; `next
 * start` installs the same for the dashboard): an error that escaped every per-request guard
 * is logged, and the server keeps answering everyone else instead of exiting. Per-request
 * guards (guard-node-listener.ts) are what normally catch; reaching this is a bug to fix.
 */
export function keepServing(
  log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
) {
  process.on("uncaughtException", (error) => log("[server] uncaught exception (still serving)", error));
  process.on("unhandledRejection", (reason) => log("[server] unhandled rejection (still serving)", reason));
}
