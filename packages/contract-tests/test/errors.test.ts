import { ApiError, createClient, isRetryable } from "@geminidb-kit/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { cliArgs, EXAMPLE, TOKEN } from "./support/example.js";
import { useRecorder } from "./support/recorder.js";
import { DOCUMENTED_ERRORS, ERROR_EXAMPLES, REQUEST_ID_EXAMPLE } from "./support/spec.js";

const recorder = useRecorder();
// Prism's request validation wins over Prefer: a broken request would get a 400 or 401
// example too. So every test here also proves that the one request sent was valid and
// that the status is the one we asked the mock for.
// 429 and 5xx (but 501) are tried 3 times in all; anything else once.
afterEach(() => {
  const status = recorder.preferStatus as number;
  const attempts = isRetryable(new ApiError({ status })) ? 3 : 1;
  expect(recorder.exchanges.map((e) => ({ status: e.status, violations: e.violations }))).toEqual(
    Array.from({ length: attempts }, () => ({ status, violations: [] })),
  );
});

describe.each(DOCUMENTED_ERRORS)("documented error $status ($errorCode)", ({ status, errorCode, errorMsg }) => {
  beforeEach(() => {
    recorder.preferStatus = status;
  });

  it("reaches the client as an ApiError with status, error_code, error_msg and request id", async () => {
    const client = createClient({
      token: TOKEN,
      endpoint: recorder.url,
      projectId: EXAMPLE.projectId,
      initialDelay: 1,
    });
    const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status, errorCode, errorMsg, requestId: REQUEST_ID_EXAMPLE });
  });

  it("reaches the CLI user on stderr with a non-zero exit code", async () => {
    const { code, stdout, stderr } = await runCli(cliArgs("open", recorder.url), { HW_AUTH_TOKEN: TOKEN });

    expect(code).toBe(status === 401 ? 3 : 1);
    expect(stdout).toBe("");
    const lines = stderr.trimEnd().split("\n");
    expect(lines.slice(0, 5)).toEqual([
      `error: could not open data export of instance ${EXAMPLE.instanceId}: the API answered HTTP ${status}`,
      `  status:     ${status}`,
      `  error_code: ${errorCode}`,
      `  error_msg:  ${errorMsg}`,
      `  request_id: ${REQUEST_ID_EXAMPLE}`,
    ]);
    // Then what to do about it, and how many attempts a retried status took.
    for (const line of lines.slice(5)) expect(line).toMatch(/^ {2}(hint: {7}\S|attempts: {3}3$)/);
    expect(stderr).not.toContain(TOKEN);
  });
});

describe.each(ERROR_EXAMPLES)(
  "documented error example $status $example ($errorCode)",
  ({ status, example, errorCode }) => {
    it("reaches the client with its own error_code", async () => {
      recorder.preferStatus = status;
      recorder.preferExample = example;
      const client = createClient({
        token: TOKEN,
        endpoint: recorder.url,
        projectId: EXAMPLE.projectId,
        initialDelay: 1,
      });
      const error = await client.openDataDump(EXAMPLE).catch((e: unknown) => e);
      expect(error).toMatchObject({ status, errorCode });
    });
  },
);
