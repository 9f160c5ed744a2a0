import Database from "better-sqlite3";
import { sqliteFilePath } from "./database-url";

/**
 * Puts a SQLite file in write-ahead-log mode (it stays so: the mode is stored in the file).
 * In WAL mode readers never wait for a writer, so the evaluation snapshot reads on while the
 * dashboard holds a write transaction. Returns the mode the file ends up in; a file in use by
 * a connection that blocks the switch stays as it was, and the next migration run tries again.
 */
export function enableWriteAheadLog(url: string): string {
  const db = new Database(sqliteFilePath(url), { timeout: 5_000 });
  try {
    return String(db.pragma("journal_mode = WAL", { simple: true }));
  } catch {
    return String(db.pragma("journal_mode", { simple: true }));
  } finally {
    db.close();
  }
}
