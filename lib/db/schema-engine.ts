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
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm")),
      "schema_engine_bg.wasm",
    );
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

export async function openSchemaEngine(url: string, datamodel: { path: string; content: string }) {
  const bindings = await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(adapterFactoryFor(url));
  const engine: SchemaEngine = await bindings.SchemaEngine.new(
    { datamodels: [[datamodel.path, datamodel.content]] },
    (log: string) => {
      if (process.env.GLIDEPATH_DEBUG_MIGRATIONS) console.error(log);
    },
    adapter,
  );
  return engine;
}
