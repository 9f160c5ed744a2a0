import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { adapterFactoryFor } from "./adapter-factory";

// Prisma's native schema engine is a binary downloaded at install time, which air-gapped
// machines can't do; the official WASM build runs through the same driver adapters.
// See DESIGN.md "Migrations" for why it is loaded by hand.
let ready: Promise<typeof import("@prisma/schema-engine-wasm/schema_engine_bg")> | undefined;

function loadWasm() {
  ready ??= (async () => {
    const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const compiled = await WebAssembly.compile(fs.readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(compiled, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    const b = bindings as unknown as {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    b.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return ready;
}

export type OpenSchemaEngine = { engine: SchemaEngine; close: () => Promise<void> };

/**
 * The engine plus a close() that also disposes the connections it opened: free() alone leaves
 * them open, and on SQLite the engine sets locking_mode=EXCLUSIVE, which would lock every
 * other writer out until garbage collection.
 */
export async function openSchemaEngine(
  url: string,
  datamodel: { path: string; content: string },
): Promise<OpenSchemaEngine> {
  const bindings = await loadWasm();
  const factory = adapterFactoryFor(url);
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking: typeof factory = Object.assign(
    Object.create(Object.getPrototypeOf(factory) as object) as typeof factory,
    factory,
    {
      connect: async () => {
        const connection = await factory.connect();
        opened.push(connection);
        return connection;
      },
      connectToShadowDb: async () => {
        const connection = await factory.connectToShadowDb();
        opened.push(connection);
        return connection;
      },
    },
  );
  const adapter = bindMigrationAwareSqlAdapterFactory(tracking);
  const engine: SchemaEngine = await bindings.SchemaEngine.new(
    { datamodels: [[datamodel.path, datamodel.content]] },
    (log: string) => {
      if (process.env.GLIDEPATH_DEBUG_MIGRATIONS) console.error(log);
    },
    adapter,
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.allSettled(opened.map((connection) => connection.dispose()));
    },
  };
}
