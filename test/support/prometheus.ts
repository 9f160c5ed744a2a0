/**
 * A real Prometheus (Debian's `prometheus` package) and a small exporter for tests, both on
 * 127.0.0.1 with free ports, a temporary config and a temporary TSDB directory. No test-runner
 * imports, so a Playwright global setup or a script can use it as well as Vitest.
 *
 *   const stack = await startPrometheusWithTestExporter();   // known values: prometheus-test-metrics.ts
 *   await stack.waitForScrapes(10);
 *   ... createPrometheusBackend({ url: stack.prometheusUrl }) ...
 *   await stack.stop();
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { renderTestExposition } from "./prometheus-test-metrics";

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN ?? "/usr/bin/prometheus";

/** Why a real Prometheus can't run here, or null when it can. */
export function prometheusMissingReason(): string | null {
  return fs.existsSync(PROMETHEUS_BIN)
    ? null
    : `${PROMETHEUS_BIN} not found: install Debian's prometheus package (apt-get install prometheus) or set PROMETHEUS_BIN`;
}

export type RunningServer = { url: string; port: number; stop: () => Promise<void> };

/** Listens on 127.0.0.1 at a free port. */
export async function listenOnLoopback(handler: http.RequestListener): Promise<RunningServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `render()` as /metrics in the Prometheus text format. */
export async function startMetricsExporter(render: () => string): Promise<RunningServer & { target: string }> {
  const server = await listenOnLoopback((request, response) => {
    if (request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" }).end(render());
  });
  return { ...server, target: `127.0.0.1:${server.port}` };
}

/** A port nothing listens on right now (Prometheus binds it itself, so there is a small race: see startPrometheus). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type RunningPrometheus = { url: string; stop: () => Promise<void>; logs: () => string };

export type PrometheusOptions = {
  /** host:port of the exporters to scrape. */
  targets: string[];
  scrapeIntervalSeconds?: number;
  readyTimeoutMs?: number;
};

function configYaml(targets: string[], scrapeIntervalSeconds: number): string {
  return [
    "global:",
    `  scrape_interval: ${scrapeIntervalSeconds}s`,
    `  scrape_timeout: ${scrapeIntervalSeconds}s`,
    "scrape_configs:",
    "  - job_name: glidepath-test",
    "    static_configs:",
    `      - targets: [${targets.map((t) => JSON.stringify(t)).join(", ")}]`,
    "",
  ].join("\n");
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited(child);
  clearTimeout(killed);
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<"ready" | "exited"> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return "exited";
    try {
      const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return "ready";
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Prometheus at ${url} was not ready within ${timeoutMs} ms`);
}

/** Starts Prometheus with a temporary config and TSDB directory; resolves once /-/ready answers. */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const missing = prometheusMissingReason();
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-prometheus-"));
  const configFile = path.join(dir, "prometheus.yml");
  fs.writeFileSync(configFile, configYaml(options.targets, options.scrapeIntervalSeconds ?? 1));

  // The free port may be taken between freePort() and Prometheus binding it: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let output = "";
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    const cleanUp = async () => {
      await stopChild(child);
      fs.rmSync(dir, { recursive: true, force: true });
    };

    let state: "ready" | "exited";
    try {
      state = await waitUntilReady(url, child, options.readyTimeoutMs ?? 20_000);
    } catch (error) {
      await cleanUp();
      throw new Error(`${(error as Error).message}\n${output}`);
    }
    if (state === "ready") return { url, stop: cleanUp, logs: () => output };
    if (attempt < 3 && /address already in use/i.test(output)) continue;
    await cleanUp();
    throw new Error(`Prometheus exited before it was ready:\n${output}`);
  }
}

/** Polls an instant query until its first value reaches `atLeast`. */
export async function waitForPrometheusValue(
  prometheusUrl: string,
  query: string,
  atLeast: number,
  timeoutMs = 20_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = Number.NaN;
  while (Date.now() < deadline) {
    const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
    const body = (await response.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
    last = Number(body.data?.result?.[0]?.value[1] ?? Number.NaN);
    if (last >= atLeast) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${query} stayed at ${last} (wanted ${atLeast}) for ${timeoutMs} ms`);
}

export type PrometheusTestStack = {
  prometheusUrl: string;
  exporterUrl: string;
  /** Resolves once Prometheus holds at least `count` successful scrapes of the exporter (1 s apart). */
  waitForScrapes: (count: number, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

/** The test exporter (prometheus-test-metrics.ts) scraped every second by a fresh Prometheus. */
export async function startPrometheusWithTestExporter(): Promise<PrometheusTestStack> {
  const startedAt = Date.now();
  const exporter = await startMetricsExporter(() => renderTestExposition((Date.now() - startedAt) / 1000));
  let prometheus: RunningPrometheus;
  try {
    prometheus = await startPrometheus({ targets: [exporter.target] });
  } catch (error) {
    await exporter.stop();
    throw error;
  }
  return {
    prometheusUrl: prometheus.url,
    exporterUrl: exporter.url,
    waitForScrapes: async (count, timeoutMs = 30_000) => {
      await waitForPrometheusValue(prometheus.url, 'sum_over_time(up{job="glidepath-test"}[10m])', count, timeoutMs);
    },
    stop: async () => {
      await prometheus.stop();
      await exporter.stop();
    },
  };
}
