// In-process throughput: COUNT signed requests to ENDPOINT, IN_FLIGHT at a time, over
// keep-alive, with one implementation; prints the milliseconds taken as JSON.
// Usage: node throughput.mjs ours|fetch|official ENDPOINT COUNT IN_FLIGHT
import { createRequire } from "node:module";
import { createClient } from "@geminidb-kit/client";

const [impl, endpoint, countText, inFlightText] = process.argv.slice(2);
const count = Number(countText);
const inFlight = Number(inFlightText);
const projectId = "0549b4a43100d4f32f51c01c2fe4acdb";
const instanceId = "0a9a2be86bdf493981d17626ad2f8668in13";
const keys = { accessKey: "BENCHMARKAKBENCHMARK", secretKey: "benchmark-secret-key-0123456789abcdefgh" };

function ours() {
  const client = createClient({ endpoint, projectId, ...keys });
  return () => client.openDataDump({ instanceId, bucketName: "influxdb-obs" });
}

// Plain fetch with headers computed once: what a hand-written caller that skips signing pays.
function plainFetch() {
  const url = `${endpoint}/v3/${projectId}/instances/${instanceId}/data-dump`;
  const headers = { "content-type": "application/json", "x-auth-token": "bench-token" };
  const body = JSON.stringify({ bucket_name: "influxdb-obs", action: "open" });
  return async () => {
    const response = await fetch(url, { method: "PUT", headers, body });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  };
}

function official() {
  const require = createRequire(import.meta.url);
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
  const gaussdb = require("@huaweicloud/huaweicloud-sdk-gaussdbfornosql");
  const credentials = new BasicCredentials().withAk(keys.accessKey).withSk(keys.secretKey).withProjectId(projectId);
  const client = gaussdb.GaussDBforNoSQLClient.newBuilder().withCredential(credentials).withEndpoint(endpoint).build();
  return () =>
    client.setInstanceDataDump(
      new gaussdb.SetInstanceDataDumpRequest()
        .withInstanceId(instanceId)
        .withBody(new gaussdb.SetInstanceDataDumpRequestBody().withBucketName("influxdb-obs").withAction("open")),
    );
}

const call = { ours, fetch: plainFetch, official }[impl]();
// Warm-up: connections opened, code paths compiled.
for (let i = 0; i < Math.min(200, count); i++) await call();
let next = 0;
const worker = async () => {
  while (next < count) {
    next++;
    await call();
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: inFlight }, worker));
console.log(JSON.stringify({ ms: performance.now() - started }));
