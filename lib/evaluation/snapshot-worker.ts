// The evaluation store's database reads, on a thread of their own (started by
// snapshot-worker-client.ts). better-sqlite3 is synchronous: a read that waits on a lock waits
// here, not on the thread that answers evaluations. Plain data goes back; the caller compiles it.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "../db/database-url";
import { readSnapshotPoll, type SqlReader } from "./environment-rows-sql";
import type { SnapshotWorkerData, SnapshotWorkerReply, SnapshotWorkerRequest } from "./snapshot-worker-protocol";

const config = workerData as SnapshotWorkerData;

type Connection = { reader: SqlReader; inTransaction<T>(work: () => Promise<T>): Promise<T>; close(): Promise<void> };

function openSqlite(): Connection {
  // fileMustExist: a missing file is an outage to report, not an empty database to create.
  const db = new Database(sqliteFilePath(config.url), { timeout: config.busyTimeoutMs, fileMustExist: true });
  const statements = new Map<string, Database.Statement>();
  const reader: SqlReader = {
    all: <T>(sql: string, params: readonly unknown[] = []) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql.replace(/\$\d+/g, "?"));
        statements.set(sql, statement);
      }
      return Promise.resolve(statement.all(...params) as T[]);
    },
  };
  return {
    reader,
    // One read transaction per poll: every row comes from the same committed state.
    inTransaction: async (work) => {
      db.exec("BEGIN");
      try {
        return await work();
      } finally {
        if (db.inTransaction) db.exec("COMMIT");
      }
    },
    close: async () => {
      db.close();
    },
  };
}

async function openPostgres(): Promise<Connection> {
  const client = new pg.Client({
    connectionString: config.url,
    application_name: "glidepath-snapshot",
    connectionTimeoutMillis: config.connectTimeoutMs,
    // The server gives up on a statement stuck behind a lock (LOCK TABLE, a long migration)…
    statement_timeout: config.statementTimeoutMs,
    // …and the client gives up on a server that doesn't answer at all.
    query_timeout: config.statementTimeoutMs + 1_000,
  });
  let broken: Error | null = null;
  // A terminated backend emits "error" on an idle client; without a listener it would end the worker.
  client.on("error", (error) => {
    broken = error;
  });
  await client.connect();
  return {
    reader: {
      all: async <T>(sql: string, params: readonly unknown[] = []) => {
        if (broken) throw broken;
        return (await client.query(sql, params as unknown[])).rows as T[];
      },
    },
    inTransaction: async (work) => {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const result = await work();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    close: () => client.end().catch(() => undefined),
  };
}

let connection: Connection | null = null;

async function poll(known: Map<string, number>) {
  connection ??= providerOf(config.url) === "postgres" ? await openPostgres() : openSqlite();
  const open = connection;
  try {
    return await open.inTransaction(() => readSnapshotPoll(open.reader, known));
  } catch (error) {
    // Start from a fresh connection next time: the file may have been replaced, the backend killed.
    connection = null;
    await open.close().catch(() => undefined);
    throw error;
  }
}

parentPort?.on("message", (request: SnapshotWorkerRequest) => {
  poll(new Map(request.known))
    .then(
      (result): SnapshotWorkerReply => ({ id: request.id, ok: true, result }),
      (error: unknown): SnapshotWorkerReply => ({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
    )
    .then((reply) => parentPort?.postMessage(reply));
});
