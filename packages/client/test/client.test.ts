import { describe, expect, it } from "vitest";
import {
  AbortedError,
  ApiError,
  ConfigError,
  ConnectionError,
  createClient,
  TimeoutError,
  ValidationError,
} from "../src/index.js";
import { EXAMPLE, scriptedFetch, TOKEN } from "./helpers.js";

const ENDPOINT = "https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com";

function clientAnswering(answer: (request: Request) => Response | Promise<Response>) {
  const scripted = scriptedFetch(answer);
  // One attempt: these tests are about a single answer; retries have their own file.
  const client = createClient({
    token: TOKEN,
    endpoint: ENDPOINT,
    projectId: EXAMPLE.projectId,
    fetch: scripted.fetch,
    maxAttempts: 1,
  });
  return { client, requests: scripted.requests };
}

const ok = () => new Response(null, { status: 200, headers: { "content-length": "0", "x-request-id": "req-200" } });

describe("request", () => {
  it("sends the API page's example as a PUT with the token and a JSON body", async () => {
    const { client, requests } = clientAnswering(ok);
    await client.openDataDump({ instanceId: EXAMPLE.instanceId, bucketName: EXAMPLE.bucketName });

    expect(requests).toHaveLength(1);
    const [request] = requests as [Request];
    expect(request.method).toBe("PUT");
    expect(request.url).toBe(`${ENDPOINT}/v3/${EXAMPLE.projectId}/instances/${EXAMPLE.instanceId}/data-dump`);
    expect(request.headers.get("x-auth-token")).toBe(TOKEN);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(await request.json()).toEqual({ bucket_name: "influxdb-obs", action: "open" });
  });

  it("sends action close for closeDataDump, with the bucket", async () => {
    const { client, requests } = clientAnswering(ok);
    await client.closeDataDump({ instanceId: EXAMPLE.instanceId, bucketName: EXAMPLE.bucketName });
    expect(await requests[0]?.json()).toEqual({ bucket_name: "influxdb-obs", action: "close" });
  });

  it("lets a call override the client's project id", async () => {
    const { client, requests } = clientAnswering(ok);
    const other = "ffffffffffffffffffffffffffffffff";
    const result = await client.openDataDump({ ...EXAMPLE, projectId: other });
    expect(new URL(requests[0]?.url ?? "").pathname).toBe(`/v3/${other}/instances/${EXAMPLE.instanceId}/data-dump`);
    expect(result.projectId).toBe(other);
  });

  it("keeps an endpoint's path prefix and drops its trailing slash", async () => {
    const scripted = scriptedFetch(ok);
    const client = createClient({ token: TOKEN, endpoint: "http://127.0.0.1:4010/gw/", fetch: scripted.fetch });
    await client.openDataDump(EXAMPLE);
    expect(scripted.requests[0]?.url).toBe(
      `http://127.0.0.1:4010/gw/v3/${EXAMPLE.projectId}/instances/${EXAMPLE.instanceId}/data-dump`,
    );
  });
});

describe("success", () => {
  const cases: [string, () => Response][] = [
    ["200 with Content-Length 0", ok],
    ["200 with an empty body and no Content-Length", () => new Response("", { status: 200 })],
    ["200 with a streamed empty body", () => new Response(new ReadableStream({ start: (c) => c.close() }))],
    ["200 with an unexpected JSON body", () => Response.json({ job_id: "x" })],
    ["200 with a body that is not JSON", () => new Response("<html>ok</html>", { status: 200 })],
    [
      "200 with an endless body",
      () => new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024)) })),
    ],
    [
      "200 with a body cut off midway",
      () => new Response(new ReadableStream({ start: (c) => c.error(new TypeError("terminated")) })),
    ],
    ["204", () => new Response(null, { status: 204 })],
  ];
  for (const [name, answer] of cases) {
    it(`treats ${name} as success`, async () => {
      const { client } = clientAnswering(answer);
      const result = await client.openDataDump(EXAMPLE);
      expect(result).toMatchObject({ ...EXAMPLE, action: "open", status: answer().status });
    });
  }

  it("returns the X-Request-Id of the answer", async () => {
    const { client } = clientAnswering(ok);
    expect((await client.openDataDump(EXAMPLE)).requestId).toBe("req-200");
  });
});

describe("errors", () => {
  async function failure(answer: () => Response): Promise<ApiError> {
    const { client } = clientAnswering(answer);
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }

  it("carries status, error_code, error_msg and X-Request-Id of a Huawei error body", async () => {
    const error = await failure(() =>
      Response.json(
        { error_code: "DBS.200002", error_msg: "The instance does not exist." },
        { status: 404, headers: { "x-request-id": "req-404" } },
      ),
    );
    expect(error).toMatchObject({
      status: 404,
      errorCode: "DBS.200002",
      errorMsg: "The instance does not exist.",
      requestId: "req-404",
    });
    expect(error.message).toBe("HTTP 404: DBS.200002: The instance does not exist. (request id req-404)");
  });

  it("takes the request id from the body of an API gateway error", async () => {
    const error = await failure(() =>
      Response.json(
        { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information", request_id: "gw-1" },
        { status: 401 },
      ),
    );
    expect(error).toMatchObject({ status: 401, errorCode: "APIGW.0301", requestId: "gw-1" });
  });

  it("prefers the X-Request-Id header over the body's request_id", async () => {
    const error = await failure(() =>
      Response.json(
        { error_code: "APIGW.0301", error_msg: "x", request_id: "from-body" },
        { status: 401, headers: { "x-request-id": "from-header" } },
      ),
    );
    expect(error.requestId).toBe("from-header");
  });

  it("reports an empty error body with its status", async () => {
    const error = await failure(() => new Response(null, { status: 500, headers: { "content-length": "0" } }));
    expect(error).toMatchObject({ status: 500, errorCode: undefined, errorMsg: undefined, body: "" });
    expect(error.message).toBe("HTTP 500: empty response body");
  });

  it("reports an HTML error page with its status and keeps a bounded snippet", async () => {
    const page = `<html><body>${"Bad Gateway ".repeat(500)}</body></html>`;
    const error = await failure(
      () => new Response(page, { status: 502, statusText: "Bad Gateway", headers: { "content-type": "text/html" } }),
    );
    expect(error.status).toBe(502);
    expect(error.errorCode).toBeUndefined();
    expect(error.message).toBe("HTTP 502 Bad Gateway: response body is not a Huawei Cloud error");
    expect(error.body.startsWith("<html>")).toBe(true);
    expect(error.body.length).toBe(1024);
  });

  it("survives JSON nested too deep to handle", async () => {
    const deep = `${"[".repeat(6000)}${"]".repeat(6000)}`;
    const error = await failure(() => new Response(deep, { status: 401 }));
    expect(error).toMatchObject({ status: 401, errorCode: undefined, body: deep.slice(0, 1024) });
  });

  it("keeps each field of a huge error body to 1 KiB", async () => {
    const error = await failure(() =>
      Response.json({ error_code: "DBS.200001", error_msg: "m".repeat(60_000) }, { status: 400 }),
    );
    expect(error.errorMsg).toBe(`${"m".repeat(1024)}...`);
    expect(error.message.length).toBeLessThan(1200);
  });

  it("takes the first of repeated X-Request-Id headers", async () => {
    const headers = new Headers([
      ["x-request-id", "one"],
      ["x-request-id", "two"],
    ]);
    const error = await failure(() => new Response(null, { status: 500, headers }));
    expect(error.requestId).toBe("one");
  });

  it("falls back to the body's request_id when X-Request-Id is empty", async () => {
    const error = await failure(() =>
      Response.json(
        { error_code: "APIGW.0301", error_msg: "x", request_id: "gw-2" },
        { status: 401, headers: { "x-request-id": "" } },
      ),
    );
    expect(error.requestId).toBe("gw-2");
  });

  it("reports truncated JSON with its status", async () => {
    const error = await failure(() => new Response('{"error_code": "DBS.2000', { status: 400 }));
    expect(error).toMatchObject({ status: 400, errorCode: undefined, body: '{"error_code": "DBS.2000' });
  });

  it("does not follow a redirect: the token would go along", async () => {
    const { client, requests } = clientAnswering(
      () => new Response(null, { status: 307, headers: { location: "http://elsewhere.example/x" } }),
    );
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(requests.map((r) => r.redirect)).toEqual(["manual"]);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      "HTTP 307: redirected to http://elsewhere.example/x; redirects are not followed, since the token would go along",
    );
  });

  it("reads at most 64 KiB of an endless error body", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
      },
    });
    const error = await failure(() => new Response(endless, { status: 502 }));
    expect(error.body).toBe("x".repeat(1024));
    expect(pulled).toBeLessThanOrEqual(66);
  });

  it("keeps what arrived of an error body cut off midway", async () => {
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"error_code": "DBS.2'));
      },
      // Asked for more once the first chunk is read: the connection drops.
      pull(controller) {
        controller.error(new TypeError("terminated"));
      },
    });
    const error = await failure(() => new Response(cut, { status: 404 }));
    expect(error).toMatchObject({ status: 404, body: '{"error_code": "DBS.2' });
  });

  it("turns a network failure into a ConnectionError naming the endpoint", async () => {
    const { client } = clientAnswering(() => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect refused"), { code: "ECONNREFUSED" }),
      });
    });
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(`could not reach ${ENDPOINT}: ECONNREFUSED connect refused`);
  });

  it("refuses a signal that is not an AbortSignal", async () => {
    const { client, requests } = clientAnswering(ok);
    await expect(client.openDataDump(EXAMPLE, { signal: {} as AbortSignal })).rejects.toThrow(ValidationError);
    expect(requests).toHaveLength(0);
  });

  it("rejects with an AbortedError when aborted while an error body arrives", async () => {
    const controller = new AbortController();
    const { client } = clientAnswering(
      () =>
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode("{"));
              controller.abort(new Error("stopped by the caller"));
            },
            pull: () => new Promise(() => {}),
          }),
          { status: 500 },
        ),
    );
    const error = await client.openDataDump(EXAMPLE, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as Error).cause).toEqual(new Error("stopped by the caller"));
  });

  it("rejects with an AbortedError, the signal's reason as cause, when aborted", async () => {
    const controller = new AbortController();
    const { client } = clientAnswering(
      (request) =>
        new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    );
    const call = client.openDataDump(EXAMPLE, { signal: controller.signal });
    controller.abort(new Error("stop"));
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as Error).cause).toEqual(new Error("stop"));
  });
});

describe("refused before sending", () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ["an instance id with a slash", { instanceId: "abc/../def" }, /^instance_id: must be 32 lowercase/],
    ["an instance id of ..", { instanceId: ".." }, /^instance_id: must be/],
    ["an empty instance id", { instanceId: "" }, /^instance_id: is required$/],
    ["a project id with a fragment", { projectId: "abc#x" }, /^project_id: must be 32 lowercase hexadecimal digits/],
    ["a bucket with spaces", { bucketName: "   " }, /^bucket_name: must be lowercase letters/],
    ["action enable", { action: "enable" }, /^action: must be "open" or "close" \(got "enable"\)$/],
    ["a number as instance id", { instanceId: 42 }, /^instance_id: must be a string \(got number\)$/],
  ];
  for (const [name, override, message] of bad) {
    it(`refuses ${name}`, async () => {
      const { client, requests } = clientAnswering(ok);
      const params = { ...EXAMPLE, action: "open", ...override } as Parameters<typeof client.setInstanceDataDump>[0];
      const error = await client.setInstanceDataDump(params).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(message);
      expect(requests).toHaveLength(0);
    });
  }

  it("refuses params that are not an object", async () => {
    const { client, requests } = clientAnswering(ok);
    const error = await client.setInstanceDataDump(null as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });

  it("refuses a call without a project id when the client has none", async () => {
    const scripted = scriptedFetch(ok);
    const client = createClient({ token: TOKEN, endpoint: ENDPOINT, fetch: scripted.fetch });
    await expect(
      client.openDataDump({ instanceId: EXAMPLE.instanceId, bucketName: EXAMPLE.bucketName }),
    ).rejects.toThrow("project_id: is required");
    expect(scripted.requests).toHaveLength(0);
  });
});

describe("client options", () => {
  it("requires a token", () => {
    expect(() => createClient({ token: " ", endpoint: ENDPOINT })).toThrow(ConfigError);
  });

  it.each([
    ["a newline", "SECRET\nTOKEN"],
    ["a carriage return", "SECRET\rTOKEN"],
    ["a NUL", "SECRET\0TOKEN"],
    ["a space", "SECRET TOKEN"],
    ["non-ASCII", "SECRET€TOKEN"],
  ])("refuses a token with %s, without quoting it", (_name, token) => {
    const error = (() => {
      try {
        createClient({ token, endpoint: ENDPOINT });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ option: "token" });
    expect((error as Error).message).not.toContain("SECRET");
  });

  it("refuses missing options with a ConfigError", () => {
    expect(() => createClient(undefined as never)).toThrow(ConfigError);
  });

  it("requires a region or an endpoint", () => {
    expect(() => createClient({ token: TOKEN })).toThrow("a region or an endpoint is required");
  });

  it.each([
    ["not a url", "endpoint is not a valid URL"],
    ["http://user:pa55word@127.0.0.1:99999", "endpoint is not a valid URL (e.g."],
    ["http://127.0.0.1:4010?", "endpoint must not have a query or fragment"],
    ["http://127.0.0.1:4010/#", "endpoint must not have a query or fragment"],
    ["ftp://example.com", "endpoint must be an http(s) URL, got ftp"],
    ["https://user:pw@example.com", "endpoint must not carry credentials"],
    ["https://example.com/?a=1", "endpoint must not have a query or fragment"],
  ])("refuses endpoint %s", (endpoint, message) => {
    expect(() => createClient({ token: TOKEN, endpoint })).toThrow(message);
    expect(() => createClient({ token: TOKEN, endpoint })).not.toThrow("pa55word");
  });

  it("refuses plain http to another machine unless allowed", () => {
    expect(() => createClient({ token: TOKEN, endpoint: "http://gaussdb.example.com" })).toThrow(
      "endpoint gaussdb.example.com uses plain http, which would send the credentials unencrypted",
    );
    expect(
      createClient({ token: TOKEN, endpoint: "http://gaussdb.example.com", allowInsecureHttp: true }).endpoint,
    ).toBe("http://gaussdb.example.com");
  });

  it("does not take a host that merely starts with 127. for this machine", () => {
    expect(() => createClient({ token: TOKEN, endpoint: "http://127.evil.example" })).toThrow("uses plain http");
  });

  it.each(["http://127.0.0.1:4010", "http://127.8.9.10", "http://localhost:4010", "http://[::1]:4010"])(
    "accepts plain http on this machine: %s",
    (endpoint) => {
      expect(() => createClient({ token: TOKEN, endpoint })).not.toThrow();
    },
  );

  it("uses the region's endpoint", () => {
    expect(createClient({ token: TOKEN, region: "cn-north-4" }).endpoint).toBe(
      "https://gaussdb-nosql.cn-north-4.myhuaweicloud.com",
    );
  });

  it("prefers an endpoint over a region", () => {
    expect(createClient({ token: TOKEN, region: "cn-north-4", endpoint: "http://127.0.0.1:1" }).endpoint).toBe(
      "http://127.0.0.1:1",
    );
  });
});

describe("timeout", () => {
  const never = (request: Request) =>
    new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));

  it("fails with a TimeoutError when no answer comes in time", async () => {
    const scripted = scriptedFetch(never);
    const client = createClient({ token: TOKEN, endpoint: ENDPOINT, fetch: scripted.fetch, timeout: 20 });
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(`no answer from ${ENDPOINT} within 20 ms`);
  });

  it("lets a call set its own timeout", async () => {
    const scripted = scriptedFetch(never);
    const client = createClient({ token: TOKEN, endpoint: ENDPOINT, fetch: scripted.fetch });
    await expect(client.openDataDump(EXAMPLE, { timeout: 10 })).rejects.toThrow("within 10 ms");
  });

  it("defaults to 30 seconds", () => {
    expect(createClient({ token: TOKEN, endpoint: ENDPOINT }).timeout).toBe(30_000);
  });

  it.each([0, -1, 1.5, Number.NaN, "100", 300_001])("refuses timeout %j", async (timeout) => {
    expect(() => createClient({ token: TOKEN, endpoint: ENDPOINT, timeout: timeout as number })).toThrow(ConfigError);
    const client = createClient({ token: TOKEN, endpoint: ENDPOINT });
    await expect(client.openDataDump(EXAMPLE, { timeout: timeout as number })).rejects.toThrow(ValidationError);
  });
});
