import "server-only";
import { getDb, type Tx } from "./client";

/** Every mutation runs here: the change, its version check and its audit event commit together. */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().$transaction(work, { maxWait: 10_000, timeout: 20_000 });
}

/** Reads share the authorisation helpers, which take a transaction client. */
export function readDb(): Tx {
  return getDb() as unknown as Tx;
}
