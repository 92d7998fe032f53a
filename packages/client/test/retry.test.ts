import { describe, expect, it } from "vitest";
import {
  AbortedError,
  ApiError,
  AuthenticationError,
  ConnectionError,
  createClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RetryEvent,
  ServerError,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { EXAMPLE, scriptedFetch, TOKEN } from "./helpers.js";

/** A client whose waits are recorded instead of slept, with jitter fixed at its maximum. */
function clientWith(answers: (() => Response | Promise<Response>)[], options: Record<string, unknown> = {}) {
  let next = 0;
  const scripted = scriptedFetch(() => {
    const answer = answers[Math.min(next++, answers.length - 1)] as () => Response;
    return answer();
  });
  const waits: number[] = [];
  const retries: RetryEvent[] = [];
  const client = createClient({
    token: TOKEN,
    endpoint: "http://127.0.0.1:1",
    projectId: EXAMPLE.projectId,
    fetch: scripted.fetch,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.999,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { client, requests: scripted.requests, waits, retries };
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    new Response(null, { status: code, headers });
const ok = status(200);
const networkFailure = () => {
  throw new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
};

describe("retries", () => {
  it("503, 503, 200 ends in success after 3 attempts, backing off exponentially", async () => {
    const { client, requests, waits } = clientWith([status(503), status(503), ok]);
    const result = await client.openDataDump(EXAMPLE);
    expect(result.attempts).toBe(3);
    expect(requests).toHaveLength(3);
    expect(waits).toEqual([500, 999]);
  });

  it.each([429, 500, 502, 503, 504])("retries %i", async (code) => {
    const { client, requests } = clientWith([status(code), ok]);
    expect((await client.openDataDump(EXAMPLE)).attempts).toBe(2);
    expect(requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 413, 415, 422])("never retries %i", async (code) => {
    const { client, requests, waits } = clientWith([status(code), ok]);
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("retries a network failure, and gives up after maxAttempts with the count", async () => {
    const { client, requests } = clientWith([networkFailure]);
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).attempts).toBe(3);
    expect(requests).toHaveLength(3);
  });

  it("honours Retry-After in seconds and as an HTTP date, capped by maxDelay", async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    const { client, waits } = clientWith(
      [
        status(429, { "retry-after": "3" }),
        status(503, { "retry-after": inTwoSeconds }),
        status(429, { "retry-after": "3600" }),
        ok,
      ],
      { maxAttempts: 4 },
    );
    await client.openDataDump(EXAMPLE);
    expect(waits[0]).toBe(3000);
    expect(waits[1]).toBeGreaterThan(0);
    expect(waits[1]).toBeLessThanOrEqual(2000);
    expect(waits[2]).toBe(20_000);
  });

  it("doubles the backoff after each attempt, up to maxDelay", async () => {
    const { client, waits } = clientWith([status(503)], { maxAttempts: 6, initialDelay: 100, maxDelay: 1000 });
    await client.openDataDump(EXAMPLE).catch(() => {});
    expect(waits).toEqual([100, 200, 400, 799, 999]);
  });

  it("waits until the HTTP date of Retry-After, not the backoff", async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const { client, waits } = clientWith([status(503, { "retry-after": inTenSeconds }), ok], { initialDelay: 1 });
    await client.openDataDump(EXAMPLE);
    expect(waits[0]).toBeGreaterThan(8000);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
  });

  it.each(["1.5", "-5", "soon"])("falls back to the backoff for a malformed Retry-After %j", async (value) => {
    const { client, waits } = clientWith([status(503, { "retry-after": value }), ok]);
    await client.openDataDump(EXAMPLE);
    expect(waits).toEqual([500]);
  });

  it("cuts a real wait short when aborted", async () => {
    const controller = new AbortController();
    const { client } = clientWith([status(503)], {
      sleep: undefined,
      initialDelay: 120_000,
      onRetry: () => controller.abort(new Error("enough")),
    });
    // With the wait not cut short, this would hang for two minutes and time out.
    await expect(client.openDataDump(EXAMPLE, { signal: controller.signal })).rejects.toThrow(AbortedError);
  });

  it("takes attempts and backoff per call over the client's", async () => {
    const { client, requests, waits } = clientWith([status(503)], { maxAttempts: 5 });
    await client.openDataDump(EXAMPLE, { maxAttempts: 2, initialDelay: 10 }).catch(() => {});
    expect(requests).toHaveLength(2);
    expect(waits).toEqual([10]);
  });

  it("tells onRetry why and how long", async () => {
    const { client, retries } = clientWith([status(503), ok]);
    await client.openDataDump(EXAMPLE);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 2, maxAttempts: 3, delay: 500 });
    expect(retries[0]?.error).toBeInstanceOf(ServerError);
  });

  it("applies the timeout to each attempt, and retries a timed-out one", async () => {
    let calls = 0;
    const scripted = scriptedFetch((request) => {
      calls++;
      if (calls === 1) {
        return new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        );
      }
      return new Response(null, { status: 200 });
    });
    const client = createClient({
      token: TOKEN,
      endpoint: "http://127.0.0.1:1",
      projectId: EXAMPLE.projectId,
      fetch: scripted.fetch,
      timeout: 30,
      sleep: async () => {},
    });
    expect((await client.openDataDump(EXAMPLE)).attempts).toBe(2);

    const stalled = createClient({
      token: TOKEN,
      endpoint: "http://127.0.0.1:1",
      projectId: EXAMPLE.projectId,
      fetch: scriptedFetch(
        (request) =>
          new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
      ).fetch,
      timeout: 20,
      sleep: async () => {},
    });
    const error = await stalled.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(3);
  });

  it("stops at once when aborted between attempts", async () => {
    const controller = new AbortController();
    const { client, requests } = clientWith([status(503)], {
      sleep: async () => {
        controller.abort(new Error("cancelled by the caller"));
      },
    });
    const error = await client.openDataDump(EXAMPLE, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as Error).cause).toEqual(new Error("cancelled by the caller"));
    expect(requests).toHaveLength(1);
  });

  it.each([0, 11, 1.5])("refuses maxAttempts %j", async (maxAttempts) => {
    expect(() => clientWith([ok], { maxAttempts })).toThrow("option `maxAttempts` must be a whole number from 1 to 10");
    const { client } = clientWith([ok]);
    await expect(client.openDataDump(EXAMPLE, { maxAttempts })).rejects.toThrow(ValidationError);
  });
});

describe("kinds of API errors", () => {
  it.each([
    [401, undefined, AuthenticationError],
    [400, "APIGW.0301", AuthenticationError],
    [400, "DBS.200010", AuthenticationError],
    [403, "DBS.280056", AuthenticationError],
    [403, "DBS.200019", PermissionDeniedError],
    [404, "DBS.200002", NotFoundError],
    [429, "APIGW.0308", RateLimitError],
    [500, "DBS.200998", ServerError],
    [409, undefined, ApiError],
  ])("%i %s is a %o", async (code, errorCode, Kind) => {
    const { client } = clientWith(
      [() => Response.json(errorCode ? { error_code: errorCode, error_msg: "m" } : {}, { status: code })],
      { maxAttempts: 1 },
    );
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Kind);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(code);
  });
});
