import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ConfigError, createClient } from "../src/index.js";
import { EXAMPLE, scriptedFetch } from "./helpers.js";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");

const AK = "QTWAOYTTINDUT2QVKYUC";
const SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
const NOW = new Date("2026-12-03T16:05:09Z");
const ok = () => new Response(null, { status: 200 });

/** What the official SDK signs for the request we sent: same method, URL, headers, body. */
async function officialAuthorization(request: Request): Promise<string> {
  const url = new URL(request.url);
  // The SDK looks X-Sdk-Date up by this exact spelling.
  const headers = Object.fromEntries(
    [...request.headers]
      .filter(([name]) => name !== "authorization" && name !== "host")
      .map(([name, value]) => [name === "x-sdk-date" ? "X-Sdk-Date" : name, value]),
  );
  const body = await request.clone().text();
  return AKSKSigner.sign(
    {
      method: request.method,
      endpoint: `${url.origin}${url.pathname}`,
      headers,
      queryParams: Object.fromEntries(url.searchParams),
      data: body ? JSON.parse(body) : undefined,
    },
    { getAk: () => AK, getSk: () => SK },
  ).Authorization;
}

describe("AK/SK", () => {
  it("signs the request as the official SDK does, with X-Sdk-Date and X-Project-Id", async () => {
    const { fetch, requests } = scriptedFetch(ok);
    const client = createClient({
      accessKey: AK,
      secretKey: SK,
      endpoint: "https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com",
      projectId: EXAMPLE.projectId,
      fetch,
      now: () => NOW,
    });
    await client.openDataDump(EXAMPLE);

    const [request] = requests as [Request];
    expect(request.headers.get("x-sdk-date")).toBe("20261203T160509Z");
    expect(request.headers.get("x-project-id")).toBe(EXAMPLE.projectId);
    expect(request.headers.get("x-auth-token")).toBeNull();
    const authorization = request.headers.get("authorization") ?? "";
    expect(authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(authorization).toBe(await officialAuthorization(request));
    expect([...request.headers].flat().join("\n")).not.toContain(SK);
    expect(await request.text()).toBe('{"bucket_name":"influxdb-obs","action":"open"}');
  });

  it("sends and signs the security token of temporary credentials", async () => {
    const { fetch, requests } = scriptedFetch(ok);
    const client = createClient({
      accessKey: AK,
      secretKey: SK,
      securityToken: "temporary-security-token",
      endpoint: "http://127.0.0.1:4010",
      projectId: EXAMPLE.projectId,
      fetch,
      now: () => NOW,
    });
    await client.closeDataDump(EXAMPLE);

    const [request] = requests as [Request];
    expect(request.headers.get("x-security-token")).toBe("temporary-security-token");
    expect(request.headers.get("authorization")).toContain(
      "SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,",
    );
    expect(request.headers.get("authorization")).toBe(await officialAuthorization(request));
  });

  it("signs each call with the time of that call", async () => {
    let now = NOW;
    const { fetch, requests } = scriptedFetch(ok);
    const client = createClient({
      accessKey: AK,
      secretKey: SK,
      endpoint: "http://127.0.0.1:1",
      fetch,
      now: () => now,
    });
    await client.openDataDump(EXAMPLE);
    now = new Date("2026-12-03T17:00:00Z");
    await client.openDataDump(EXAMPLE);
    expect(requests.map((r) => r.headers.get("x-sdk-date"))).toEqual(["20261203T160509Z", "20261203T170000Z"]);
  });
});

describe("credential options", () => {
  it.each([
    [{}, "credentials are required"],
    [{ token: "t", accessKey: AK, secretKey: SK }, "either `token` or `accessKey` and `secretKey`, not both"],
    [{ accessKey: AK }, "option `secretKey` is required"],
    [{ secretKey: SK }, "option `accessKey` is required"],
    [{ accessKey: AK, secretKey: "SECRET with space" }, "option `secretKey` contains characters it cannot have"],
  ])("refuses %j", (credentials, message) => {
    expect(() => createClient({ endpoint: "http://127.0.0.1:1", ...credentials })).toThrow(ConfigError);
    expect(() => createClient({ endpoint: "http://127.0.0.1:1", ...credentials })).toThrow(message);
  });
});
