// Runs applyPendingMigrations in a process of its own and prints the applied names as JSON.
// In-process, the connection the schema engine opens is never closed: on SQLite it keeps
// `PRAGMA locking_mode=EXCLUSIVE` (every other connection gets "database is locked" until it
// is garbage-collected), on PostgreSQL the pool stays open. Exiting the process releases both.
import { applyPendingMigrations } from "../../lib/db/migrate";

const url = process.argv[2];
if (!url) throw new Error("usage: migrate-in-child.ts <DATABASE_URL>");
const applied = await applyPendingMigrations(url);
process.stdout.write(JSON.stringify(applied));
// The engine's pg pool would otherwise keep the process alive for its idle timeout.
process.exit(0);
