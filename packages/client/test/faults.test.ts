import { answer, type Handler, reset, scriptedServer, stall, trickle } from "@geminidb-kit/test-support";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  createClient,
  ServerError,
  TimeoutError,
} from "../src/index.js";
import { EXAMPLE, TOKEN } from "./helpers.js";

// Fault injection through the client: a real loopback server misbehaves on purpose; waits
// are recorded through the injected sleep instead of slept.

async function withServer<T>(script: Handler[], body: (url: string, requests: () => number) => Promise<T>): Promise<T> {
  const server = await scriptedServer(script);
  try {
    return await body(server.url, server.requests);
  } finally {
    await server.close();
  }
}

async function attempt(script: Handler[], options: Record<string, unknown> = {}) {
  return withServer(script, async (url, requests) => {
    const waits: number[] = [];
    const client = createClient({
      token: TOKEN,
      endpoint: url,
      projectId: EXAMPLE.projectId,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      ...options,
    });
    const outcome = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    return { outcome, waits, requests: requests() };
  });
}

describe("faults, through the client and a real loopback server", () => {
  it("a reset connection: 3 attempts, then a ConnectionError", async () => {
    const { outcome, waits, requests } = await attempt([reset]);
    expect(outcome).toBeInstanceOf(ConnectionError);
    expect(outcome).toMatchObject({ attempts: 3 });
    expect({ waits, requests }).toEqual({ waits: [250, 500], requests: 3 });
  });

  it("a stall past the timeout: a TimeoutError per attempt", async () => {
    const { outcome, requests } = await attempt([stall], { timeout: 100, maxAttempts: 2 });
    expect(outcome).toBeInstanceOf(TimeoutError);
    expect((outcome as Error).message).toMatch(/^no answer from http:\/\/127\.0\.0\.1:\d+ within 100 ms$/);
    expect(requests).toBe(2);
  });

  it("429 with Retry-After waits what it says, then succeeds", async () => {
    const { outcome, waits, requests } = await attempt([answer(429, "", { "retry-after": "7" }), answer(200)]);
    expect(outcome).toMatchObject({ status: 200, attempts: 2 });
    expect({ waits, requests }).toEqual({ waits: [7000], requests: 2 });
  });

  it("503 then 200: success on the second attempt", async () => {
    const { outcome, waits } = await attempt([answer(503), answer(200)]);
    expect(outcome).toMatchObject({ status: 200, attempts: 2 });
    expect(waits).toEqual([250]);
  });

  it("500 with an HTML page: a ServerError with the status after 3 attempts, no parse crash", async () => {
    const { outcome, requests } = await attempt([
      answer(500, "<html><h1>Oops</h1></html>", { "content-type": "text/html" }),
    ]);
    expect(outcome).toBeInstanceOf(ServerError);
    expect(outcome).toMatchObject({
      status: 500,
      errorCode: undefined,
      attempts: 3,
      body: "<html><h1>Oops</h1></html>",
    });
    expect((outcome as Error).message).toBe(
      "HTTP 500 Internal Server Error: response body is not a Huawei Cloud error",
    );
    expect(requests).toBe(3);
  });

  it("401 with the API gateway's body: an AuthenticationError at once", async () => {
    const body = JSON.stringify({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information",
      request_id: "gw-1",
    });
    const { outcome, waits, requests } = await attempt([answer(401, body, { "content-type": "application/json" })]);
    expect(outcome).toBeInstanceOf(AuthenticationError);
    expect(outcome).toMatchObject({ errorCode: "APIGW.0301", requestId: "gw-1", attempts: 1 });
    expect({ waits, requests }).toEqual({ waits: [], requests: 1 });
  });

  it("200 with a JSON body is success", async () => {
    const { outcome } = await attempt([answer(200, '{"unexpected":true}', { "content-type": "application/json" })]);
    expect(outcome).toMatchObject({ status: 200, attempts: 1 });
  });

  it("a body that trickles in slowly: a 200 is success at once, an error ends in its status", async () => {
    const error = ['{"error_code":"DBS.200002","error_msg":"', "x", "x", "x", "x", '"}'];
    const success = await attempt([trickle(200, ["{", "}"], 30)]);
    expect(success.outcome).toMatchObject({ status: 200 });
    const failure = await attempt([trickle(404, error, 30)]);
    expect(failure.outcome).toBeInstanceOf(ApiError);
    expect(failure.outcome).toMatchObject({ status: 404, errorCode: "DBS.200002", errorMsg: "xxxx" });
  });
});
