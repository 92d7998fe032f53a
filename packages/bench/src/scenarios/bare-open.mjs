// The floor of "one request as a process": the same PUT with Node's own fetch and fixed
// headers, no library. Usage: node bare-open.mjs ENDPOINT
const [endpoint] = process.argv.slice(2);
const path = `/v3/${process.env.HUAWEICLOUD_SDK_PROJECT_ID}/instances/${process.env.INSTANCE_ID}/data-dump`;
const response = await fetch(`${endpoint}${path}`, {
  method: "PUT",
  headers: { "content-type": "application/json", "x-auth-token": "bench-token" },
  body: JSON.stringify({ bucket_name: "influxdb-obs", action: "open" }),
});
await response.arrayBuffer();
if (!response.ok) process.exitCode = 1;
