// Signatures per second of one signer over COUNT requests; prints the milliseconds taken.
// Usage: node signing.mjs ours|official COUNT
import { createRequire } from "node:module";
import { signRequest } from "@geminidb-kit/client";

const [impl, countText] = process.argv.slice(2);
const count = Number(countText);
const ak = "BENCHMARKAKBENCHMARK";
const sk = "benchmark-secret-key-0123456789abcdefgh";
const url =
  "https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/v3/0549b4a43100d4f32f51c01c2fe4acdb/instances/0a9a2be86bdf493981d17626ad2f8668in13/data-dump";
const data = { bucket_name: "influxdb-obs", action: "open" };
const body = new TextEncoder().encode(JSON.stringify(data));

function ours() {
  const headers = new Headers({
    "content-type": "application/json",
    "x-project-id": "0549b4a43100d4f32f51c01c2fe4acdb",
  });
  const credentials = { accessKey: ak, secretKey: sk };
  return () => signRequest({ method: "PUT", url, headers, body }, credentials, new Date());
}

function official() {
  const require = createRequire(import.meta.url);
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
  const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
  const credentials = new BasicCredentials().withAk(ak).withSk(sk);
  return () =>
    AKSKSigner.sign(
      {
        method: "PUT",
        endpoint: url,
        queryParams: {},
        headers: { "Content-Type": "application/json", "X-Project-Id": "0549b4a43100d4f32f51c01c2fe4acdb" },
        data,
      },
      credentials,
    );
}

const sign = { ours, official }[impl]();
for (let i = 0; i < 2000; i++) sign();
const started = performance.now();
for (let i = 0; i < count; i++) sign();
console.log(JSON.stringify({ ms: performance.now() - started }));
