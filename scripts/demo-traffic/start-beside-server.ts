import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

const POLL_MS = 500;

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * npm start's demo traffic: once the dashboard listens on `port`, runs scripts/demo-traffic.ts
 * beside it with the demo SDK key. It is a separate process so its work never slows the
 * server's event loop, and its failure never takes the dashboard down.
 */
export function startDemoTrafficBesideServer(options: { port: number; sdkKey: string; dataDir: string }): {
  stop: () => void;
} {
  let child: ChildProcess | null = null;
  let stopped = false;
  void (async () => {
    while (!stopped && !(await portIsOpen(options.port))) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (stopped) return;
    child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/demo-traffic.ts")], {
      // The IPC channel closes when npm start dies, however it dies: the generator stops then.
      stdio: ["inherit", "inherit", "inherit", "ipc"],
      env: {
        ...process.env,
        GLIDEPATH_URL: `http://127.0.0.1:${options.port}`,
        GLIDEPATH_DEMO_SDK_KEY: options.sdkKey,
        GLIDEPATH_DEMO_STATE_FILE:
          process.env.GLIDEPATH_DEMO_STATE_FILE ?? path.join(options.dataDir, ".demo-traffic.json"),
      },
    });
    child.on("exit", (code, signal) => {
      if (!stopped && code !== 0)
        console.warn(
          `[demo-traffic] exited (${signal ?? `code ${code}`}); the dashboard keeps running. Restart it with npm run demo:traffic`,
        );
    });
  })();
  const stop = () => {
    stopped = true;
    if (child && child.exitCode === null) child.kill("SIGTERM");
  };
  process.once("exit", stop);
  return { stop };
}
