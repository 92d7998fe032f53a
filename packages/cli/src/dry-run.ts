import type { DataDumpAction } from "@geminidb-kit/client";
import { redactedHeaders } from "./debug.js";

/** A request the client would have sent, captured in place of the transport. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch that keeps each request instead of sending it, answering 200 so the client goes on. */
export function capturingFetch(captured: CapturedRequest[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.text() : "";
    captured.push({ method: request.method, url: request.url, headers: request.headers, body });
    return new Response(null, { status: 200 });
  };
}

/** How the request was authenticated, for the curl line. */
export type DryRunAuth = { kind: "token"; variable: string; note?: string } | { kind: "aksk" };

/** The request as text: method and URL, headers (secrets redacted), body; then the curl line. */
export function dryRunText(request: CapturedRequest, auth: DryRunAuth): string {
  const headers = redactedHeaders(request.headers).map(([name, value]) => `${name}: ${value}`);
  return [`${request.method} ${request.url}`, ...headers, "", request.body, "", curlText(request, auth)].join("\n");
}

/** The same as one JSON object, for `--output json`; `curl` is null for AK/SK. */
export function dryRunJson(
  shown: { instanceId: string; action: DataDumpAction; bucket: string },
  request: CapturedRequest,
  auth: DryRunAuth,
): string {
  return JSON.stringify({
    ...shown,
    dryRun: true,
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(redactedHeaders(request.headers)),
    body: request.body,
    curl: auth.kind === "token" ? curlText(request, auth) : null,
    ...(auth.kind === "aksk" ? { curlNote: curlText(request, auth).replace(/^# /gm, "").replace(/\n/g, " ") } : {}),
  });
}

/**
 * A curl command for the request that reads the token from the environment. AK/SK
 * requests get none: their signature covers X-Sdk-Date and would be stale when used, and
 * curl cannot compute Huawei's SDK-HMAC-SHA256, so the reason is given instead.
 */
export function curlText(request: CapturedRequest, auth: DryRunAuth): string {
  if (auth.kind === "aksk") {
    return [
      "# No curl line: this request is signed with your access key (SDK-HMAC-SHA256). The",
      "# signature covers X-Sdk-Date, so one printed now would be stale when used, and curl",
      "# cannot compute it. To call the API with curl, use an IAM token instead (HW_AUTH_TOKEN,",
      "# or 'geminidb auth login') and run this command again with --dry-run.",
    ].join("\n");
  }
  const lines = [`curl --fail-with-body -sS -X ${request.method} ${shellQuote(request.url)}`];
  request.headers.forEach((value, name) => {
    if (name === "x-auth-token") lines.push(`-H "X-Auth-Token: \${${auth.variable}:?set ${auth.variable}}"`);
    else if (name !== "content-length" && name !== "host") lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  });
  if (request.body) lines.push(`--data-raw ${shellQuote(request.body)}`);
  const curl = lines.join(" \\\n  ");
  return auth.note ? `# ${auth.note}\n${curl}` : curl;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
