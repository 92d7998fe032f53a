// The floor of "one request as a process": the same PUT with node:http and fixed headers,
// no library (node:http starts sooner than Node's fetch, which loads undici on first use).
// Usage: node bare-open.mjs ENDPOINT
import { request } from "node:http";

const [endpoint] = process.argv.slice(2);
const path = `/v3/${process.env.HUAWEICLOUD_SDK_PROJECT_ID}/instances/${process.env.INSTANCE_ID}/data-dump`;
const body = JSON.stringify({ bucket_name: "influxdb-obs", action: "open" });
const outgoing = request(`${endpoint}${path}`, {
  method: "PUT",
  headers: {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-auth-token": "bench-token",
  },
});
outgoing.on("response", (response) => {
  response.resume();
  if (response.statusCode !== 200) process.exitCode = 1;
});
outgoing.end(body);
