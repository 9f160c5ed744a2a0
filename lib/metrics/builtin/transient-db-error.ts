// Errors that say "the database can't be used right now" rather than "this data can't be
// stored": a lock held elsewhere, a lost or refused connection, a timeout, a serialisation
// conflict. Those keep the data for the next try; anything else is the data's fault and gets
// isolated (cell-store.ts). Matched on text because they surface through Prisma, both driver
// adapters and Node's net stack with different shapes.
const TRANSIENT = [
  /SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|PROTOCOL)/,
  /database is locked/i,
  /\bE(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH|AI_AGAIN)\b/,
  /ENOTFOUND/,
  /Connection terminated|connection (is )?closed|terminating connection|server closed the connection/i,
  /timed? ?out|timeout/i,
  /deadlock detected|could not serialize|lock_not_available|canceling statement/i,
  /too many clients|the database system is (starting up|shutting down|in recovery)/i,
  /\bP(1001|1002|1008|1017|2024|2028|2034)\b/,
  /Can't reach database server/i,
];

export function isTransientDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const text = `${typeof code === "string" ? code : ""} ${error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error)}`;
  return TRANSIENT.some((pattern) => pattern.test(text));
}
