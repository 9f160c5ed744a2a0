// For evaluate-under-lock.ts: the dedicated server's HTTP entry over the evaluation store, on
// a free port, without exposure counting (only the snapshot path is measured).
import type { AddressInfo } from "node:net";
import { databaseUrl } from "../../lib/db/database-url";
import { EvaluationStore } from "../../lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { storeOptionsFromEnv } from "../../lib/evaluation/store-options";

const store = EvaluationStore.forDatabase(databaseUrl(), storeOptionsFromEnv());
await store.start();
const server = createOfrepServer(store, null);
server.listen(0, "127.0.0.1", () =>
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`),
);
process.on("SIGTERM", () => {
  void store.stop();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
