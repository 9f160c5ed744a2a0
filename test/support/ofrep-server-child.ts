import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type OfrepServerProcess = {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far (its last-resort logs land here). */
  stderr: () => string;
  /** Whether the process has exited (it must not, whatever it is sent). */
  exited: () => boolean;
  /** SIGTERM: the server flushes buffered metrics, then exits; resolves with the exit code. */
  stop: () => Promise<number | null>;
};

const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * The dedicated server exactly as `npm run ofrep` starts it (scripts/ofrep-server.ts, with its
 * process-wide handlers), on a free port, against `databaseUrl`.
 */
export function startOfrepServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<OfrepServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/ofrep-server.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, OFREP_PORT: "0", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let exitCode: number | null | undefined;
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve((exitCode = code))));
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const port = /OFREP server on http:\/\/localhost:(\d+)\//.exec(stdout)?.[1];
      if (port)
        resolve({
          baseUrl: `http://127.0.0.1:${port}`,
          child,
          stderr: () => stderr,
          exited: () => exitCode !== undefined,
          stop: () => {
            if (exitCode === undefined) child.kill("SIGTERM");
            return exit;
          },
        });
    });
    void exit.then((code) => reject(new Error(`the OFREP server exited with ${code} before listening:\n${stderr}`)));
  });
}
