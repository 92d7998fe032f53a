import { describe, expect, inject, it } from "vitest";
import { EXAMPLE_PATH, TOKEN } from "./support/example.js";
import { type Recorder, startRecorder } from "./support/recorder.js";

// The suite is only a gate if it can fail: these requests break the contract on purpose,
// sent raw (our client would refuse them), and the mock must flag each one.

async function send(recorder: Recorder, headers: Record<string, string>, body: unknown) {
  recorder.exchanges.length = 0;
  await fetch(`${recorder.url}${EXAMPLE_PATH}`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const [exchange] = recorder.exchanges;
  if (!exchange) throw new Error("the recorder saw no exchange");
  return { status: exchange.status, violations: exchange.violations.map((v) => v.message).join("\n") };
}

describe("the mock rejects what the contract forbids", () => {
  const token = { "x-auth-token": TOKEN };
  const valid = { bucket_name: "influxdb-obs", action: "open" };

  it("accepts the valid example (the baseline the others differ from)", async () => {
    const recorder = await startRecorder(inject("prismUrl"));
    expect(await send(recorder, token, valid)).toEqual({ status: 200, violations: "" });
    await recorder.close();
  });

  it.each([
    ["no token", {}, valid, 401, /Invalid security scheme used/],
    [
      "action outside open|close",
      token,
      { ...valid, action: "enable" },
      400,
      /must be equal to one of the allowed values/,
    ],
    ["missing bucket_name", token, { action: "open" }, 400, /must have required property 'bucket_name'/],
    ["bucketName instead of bucket_name", token, { bucketName: "influxdb-obs", action: "open" }, 400, /bucket_name/],
    ["the instance id in the body", token, { ...valid, instance_id: "x" }, 400, /must NOT have additional properties/],
  ] as const)("flags %s", async (_name, headers, body, status, violation) => {
    const recorder = await startRecorder(inject("prismUrl"));
    const answer = await send(recorder, headers, body);
    await recorder.close();
    expect(answer.status).toBe(status);
    expect(answer.violations).toMatch(violation);
  });
});
