import { answer, type Handler, reset, scriptedServer, stall, trickle } from "@geminidb-kit/test-support";
import { describe, expect, it } from "vitest";
import { geminidb, openExampleArgs } from "./run.js";

// Fault injection: a real loopback server misbehaves on purpose; the built CLI must end in
// the right action (retry or not), exit code and message.

const TOKEN = "fault-test-token-NEVER-PRINTED";

// A body that takes about two seconds to arrive.
const slowBody = Array.from({ length: 40 }, () => " ");

async function run(script: Handler[], ...extra: string[]) {
  const server = await scriptedServer(script);
  try {
    const result = await geminidb(openExampleArgs(server.url, ...extra), { HW_AUTH_TOKEN: TOKEN });
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    return { ...result, requests: server.requests() };
  } finally {
    await server.close();
  }
}

describe("faults", () => {
  it("a reset connection is retried, then exit 4 after the last attempt", async () => {
    const { code, stderr, requests } = await run([reset], "--max-attempts", "2");
    expect({ code, requests }).toEqual({ code: 4, requests: 2 });
    expect(stderr).toMatch(/^error: could not reach http:\/\/127\.0\.0\.1:\d+: .* \(2 attempts\)\n$/);
  });

  it("a stall past the timeout is retried, then exit 4 naming the timeout", async () => {
    const { code, stderr, requests } = await run([stall], "--timeout", "0.2", "--max-attempts", "2");
    expect({ code, requests }).toEqual({ code: 4, requests: 2 });
    expect(stderr).toMatch(
      /^error: no answer from .* within 200 ms \(2 attempts\) \(raise it with --timeout SECONDS\)\n$/,
    );
  });

  it("429 with Retry-After waits as asked, then succeeds", async () => {
    const { code, stdout, stderr, requests } = await run(
      [answer(429, "", { "retry-after": "1" }), answer(200)],
      "--debug",
    );
    expect({ code, requests }).toEqual({ code: 0, requests: 2 });
    expect(stdout).toMatch(/^Opened data export/);
    expect(stderr).toContain("debug: retrying in 1000 ms (attempt 2 of 3) after: HTTP 429");
  });

  it("503 then 200 succeeds on the second attempt", async () => {
    const { code, requests } = await run([answer(503), answer(200)]);
    expect({ code, requests }).toEqual({ code: 0, requests: 2 });
  });

  it("503, 503, 200 succeeds after 3 attempts", async () => {
    const { code, requests } = await run([answer(503), answer(503), answer(200)]);
    expect({ code, requests }).toEqual({ code: 0, requests: 3 });
  });

  it("500 with an HTML page: retried, then one clear error with the status, exit 1", async () => {
    const page = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    const { code, stderr, requests } = await run(
      [answer(500, page, { "content-type": "text/html" })],
      "--max-attempts",
      "2",
    );
    expect({ code, requests }).toEqual({ code: 1, requests: 2 });
    expect(stderr.split("\n")[0]).toMatch(
      /^error: could not open data export of instance \w+: the API answered HTTP 500$/,
    );
    expect(stderr).toContain("  error_msg:  (the body is not a Huawei Cloud error)\n");
    expect(stderr).toContain("  attempts:   2\n");
  });

  it("502 with an HTML page gives the status in the first line", async () => {
    const { code, stderr } = await run([answer(502, "<html>Bad Gateway</html>")], "--max-attempts", "1");
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toContain("the API answered HTTP 502");
  });

  it("401 with the API gateway's body is tried once: exit 3 with a hint", async () => {
    const body = JSON.stringify({
      error_code: "APIGW.0301",
      error_msg: "Incorrect IAM authentication information",
      request_id: "gw-9",
    });
    const { code, stderr, requests } = await run([answer(401, body, { "content-type": "application/json" })]);
    expect({ code, requests }).toEqual({ code: 3, requests: 1 });
    expect(stderr).toContain("  request_id: gw-9\n");
    expect(stderr).toContain("  hint:       the credentials were refused");
  });

  it("400 is tried once", async () => {
    const body = JSON.stringify({ error_code: "DBS.200001", error_msg: "Invalid parameter." });
    const { code, requests } = await run([answer(400, body)]);
    expect({ code, requests }).toEqual({ code: 1, requests: 1 });
  });

  it("200 with a JSON body is still success", async () => {
    const { code, requests } = await run([answer(200, '{"job_id":"x"}', { "content-type": "application/json" })]);
    expect({ code, requests }).toEqual({ code: 0, requests: 1 });
  });

  it("200 whose body trickles in is success at once: the body is not waited for", async () => {
    const { code, stdout, requests } = await run([trickle(200, slowBody)], "--timeout", "1");
    expect({ code, requests }).toEqual({ code: 0, requests: 1 });
    expect(stdout).toMatch(/^Opened data export/);
  });

  it("an error body that trickles past the timeout ends in a timeout, not a hang", async () => {
    const { code, stderr } = await run([trickle(500, slowBody)], "--timeout", "0.5", "--max-attempts", "1");
    expect(code).toBe(4);
    expect(stderr).toMatch(/^error: no answer from .* within 500 ms/);
  });
});
