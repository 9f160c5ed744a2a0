import type { SnapshotPoll } from "./environment-rows";

export type SnapshotWorkerData = {
  url: string;
  /** SQLite: how long a read waits on another connection's lock before failing. */
  busyTimeoutMs: number;
  /** PostgreSQL: statement_timeout of the worker's connection. */
  statementTimeoutMs: number;
  connectTimeoutMs: number;
};

/** `known`: environment id → config version already loaded (those are not read again). */
export type SnapshotWorkerRequest = { id: number; known: [string, number][] };

export type SnapshotWorkerReply =
  { id: number; ok: true; result: SnapshotPoll } | { id: number; ok: false; error: string };
