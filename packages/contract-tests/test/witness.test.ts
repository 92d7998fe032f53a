import { createRequire } from "node:module";
import { createClient } from "@geminidb-kit/client";
import { describe, expect, it } from "vitest";
import { EXAMPLE, EXAMPLE_PATH, KEYS } from "./support/example.js";
import { type Exchange, useRecorder } from "./support/recorder.js";

// The official Node.js SDK as a witness: what it sends for SetInstanceDataDump passes our
// spec (through the Prism mock), and our client's request matches it where it matters.

const recorder = useRecorder();
const require = createRequire(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: the SDK's fluent builders, used as its docs show
type Fluent = any;

interface OfficialSdk {
  GaussDBforNoSQLClient: { newBuilder(): Fluent };
  SetInstanceDataDumpRequest: new () => Fluent;
  SetInstanceDataDumpRequestBody: new () => Fluent;
}

async function officialOpen(): Promise<Exchange> {
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
  const sdk = require("@huaweicloud/huaweicloud-sdk-gaussdbfornosql") as OfficialSdk;
  const credentials = new BasicCredentials()
    .withAk(KEYS.accessKey)
    .withSk(KEYS.secretKey)
    .withProjectId(EXAMPLE.projectId);
  const client = sdk.GaussDBforNoSQLClient.newBuilder().withCredential(credentials).withEndpoint(recorder.url).build();
  await client.setInstanceDataDump(
    new sdk.SetInstanceDataDumpRequest()
      .withInstanceId(EXAMPLE.instanceId)
      .withBody(new sdk.SetInstanceDataDumpRequestBody().withBucketName(EXAMPLE.bucketName).withAction("open")),
  );
  expect(recorder.exchanges).toHaveLength(1);
  return recorder.exchanges.pop() as Exchange;
}

async function oursOpen(): Promise<Exchange> {
  const client = createClient({ endpoint: recorder.url, projectId: EXAMPLE.projectId, ...KEYS });
  await client.openDataDump({ instanceId: EXAMPLE.instanceId, bucketName: EXAMPLE.bucketName });
  expect(recorder.exchanges).toHaveLength(1);
  return recorder.exchanges.pop() as Exchange;
}

/** SDK-HMAC-SHA256 Access=..., SignedHeaders=a;b, Signature=... split into its parts. */
function authorization(exchange: Exchange) {
  const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    String(exchange.headers.authorization),
  );
  expect(match, String(exchange.headers.authorization)).not.toBeNull();
  return { access: match?.[1], signed: match?.[2]?.split(";") ?? [] };
}

describe("the official SDK as witness", () => {
  it("sends SetInstanceDataDump (AK/SK signed, X-Project-Id) that our spec accepts", async () => {
    const theirs = await officialOpen();
    expect(theirs.violations).toEqual([]);
    expect(theirs.status).toBe(200);
    expect(theirs.headers["x-project-id"]).toBe(EXAMPLE.projectId);
    expect(authorization(theirs).signed).toEqual(expect.arrayContaining(["host", "x-project-id", "x-sdk-date"]));
  });

  it("and our client's request matches it on method, path, body and the headers that matter", async () => {
    const theirs = await officialOpen();
    const ours = await oursOpen();
    expect(ours.violations).toEqual([]);
    expect(ours.method).toBe(theirs.method);
    expect(ours.path).toBe(EXAMPLE_PATH);
    expect(ours.path).toBe(theirs.path);
    expect(JSON.parse(ours.body)).toEqual(JSON.parse(theirs.body));
    expect(String(ours.headers["content-type"]).split(";")[0]).toBe(
      String(theirs.headers["content-type"]).split(";")[0],
    );
    expect(ours.headers["x-project-id"]).toBe(theirs.headers["x-project-id"]);
    expect(ours.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(theirs.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    const [a, b] = [authorization(ours), authorization(theirs)];
    expect(a.access).toBe(b.access);
    for (const name of ["content-type", "host", "x-project-id", "x-sdk-date"]) {
      expect(a.signed).toContain(name);
      expect(b.signed).toContain(name);
    }
  });
});
