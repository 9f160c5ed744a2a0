// Baseline for bench:metrics-ingest: node:http that reads a batch, parses it and answers with
// the count — the ceiling for "receive and parse observations" on this machine.
import http from "node:http";

const port = Number(process.env.PORT ?? 3921);
http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { observations?: unknown[] };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ accepted: body.observations?.length ?? 0, rejected: 0, errors: [] }));
    });
  })
  .listen(port, "127.0.0.1");
