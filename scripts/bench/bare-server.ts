// The ceiling for bench:evaluate: node:http answering a fixed OFREP-shaped JSON body after
// reading the request, with no evaluation at all.
import http from "node:http";

const body = JSON.stringify({
  key: "new-checkout",
  value: false,
  reason: "SPLIT",
  variant: "control",
  metadata: { cohort: "default", status: "rolling", environment: "production", configVersion: 1, bucket: 5000 },
});
http
  .createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(body);
    });
  })
  .listen(Number(process.env.PORT ?? 3911), "127.0.0.1");
