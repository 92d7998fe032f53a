import { createClient } from "@geminidb-kit/client";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { cliArgs, EXAMPLE, EXAMPLE_PATH, KEYS, TOKEN } from "./support/example.js";
import { type Exchange, useRecorder } from "./support/recorder.js";
import { REQUEST_ID_EXAMPLE } from "./support/spec.js";

const recorder = useRecorder();

/** The one request sent is the API page's example, and Prism found nothing wrong with it. */
function expectConformingExample(action: "open" | "close", auth: "token" | "aksk" = "token"): Exchange {
  expect(recorder.exchanges).toHaveLength(1);
  const exchange = recorder.exchanges[0] as Exchange;
  expect(exchange.violations).toEqual([]);
  expect(exchange.status).toBe(200);
  expect(exchange.method).toBe("PUT");
  expect(exchange.path).toBe(EXAMPLE_PATH);
  if (auth === "token") {
    expect(exchange.headers["x-auth-token"]).toBe(TOKEN);
  } else {
    expect(exchange.headers["x-auth-token"]).toBeUndefined();
    expect(exchange.headers.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=[A-Z0-9]+, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(exchange.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(exchange.headers["x-project-id"]).toBe(EXAMPLE.projectId);
  }
  expect(exchange.headers["content-type"]).toBe("application/json");
  expect(JSON.parse(exchange.body)).toEqual({ bucket_name: EXAMPLE.bucketName, action });
  return exchange;
}

describe.each(["open", "close"] as const)("the API page's example, action %s", (action) => {
  it("succeeds through the client, with no violation", async () => {
    const client = createClient({ token: TOKEN, endpoint: recorder.url, projectId: EXAMPLE.projectId });
    const result = await client.setInstanceDataDump({
      instanceId: EXAMPLE.instanceId,
      bucketName: EXAMPLE.bucketName,
      action,
    });

    expect(result).toEqual({ ...EXAMPLE, action, status: 200, requestId: REQUEST_ID_EXAMPLE, attempts: 1 });
    expectConformingExample(action);
  });

  it("succeeds through the built CLI, with no violation", async () => {
    const { code, stdout, stderr } = await runCli(cliArgs(action, recorder.url), { HW_AUTH_TOKEN: TOKEN });

    expect(stderr).toBe("");
    expect(code).toBe(0);
    const verb = action === "open" ? "Opened" : "Closed";
    expect(stdout).toBe(
      `${verb} data export of instance ${EXAMPLE.instanceId} to OBS bucket ${EXAMPLE.bucketName} (request id ${REQUEST_ID_EXAMPLE})\n`,
    );
    expectConformingExample(action);
  });
});

describe("environment defaults of the CLI", () => {
  it("takes the project id from HW_PROJECT_ID", async () => {
    const args = cliArgs("open", recorder.url).filter((a) => a !== "--project-id" && a !== EXAMPLE.projectId);
    const { code } = await runCli(args, { HW_AUTH_TOKEN: TOKEN, HW_PROJECT_ID: EXAMPLE.projectId });
    expect(code).toBe(0);
    expectConformingExample("open");
  });
});

describe.each(["open", "close"] as const)("signed with AK/SK, action %s", (action) => {
  it("succeeds through the client, with no violation", async () => {
    const client = createClient({ ...KEYS, endpoint: recorder.url, projectId: EXAMPLE.projectId });
    await client.setInstanceDataDump({ instanceId: EXAMPLE.instanceId, bucketName: EXAMPLE.bucketName, action });
    expectConformingExample(action, "aksk");
  });

  it("succeeds through the built CLI with the official SDK variables, with no violation", async () => {
    const { code, stderr } = await runCli(cliArgs(action, recorder.url), {
      HUAWEICLOUD_SDK_AK: KEYS.accessKey,
      HUAWEICLOUD_SDK_SK: KEYS.secretKey,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expectConformingExample(action, "aksk");
  });
});
