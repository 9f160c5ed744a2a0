import { spawn, type SpawnOptions } from "node:child_process";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Runs a command, inheriting output; resolves with its exit code. With forwardSignals, a stop
 * signal sent to this process alone (a service manager's SIGTERM) reaches the command too,
 * instead of leaving it running with the port held.
 */
export function run(
  command: string,
  args: string[],
  options: SpawnOptions & { forwardSignals?: boolean } = {},
): Promise<number> {
  const { forwardSignals, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...spawnOptions });
    if (forwardSignals) for (const signal of STOP_SIGNALS) process.on(signal, () => child.kill(signal));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runOrExit(command: string, args: string[], options: SpawnOptions = {}) {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`\n✖ ${command} ${args.join(" ")} exited with ${code}`);
    process.exit(code);
  }
}
