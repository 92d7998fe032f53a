/** Header names whose values are secrets: shown as [redacted] in every log. */
const SECRET_HEADERS = new Set([
  "x-auth-token",
  "authorization",
  "x-security-token",
  "x-subject-token",
  "cookie",
  "set-cookie",
  "proxy-authorization",
]);

/** Each header as [name, value], the value of a secret one replaced by `[redacted]`. */
export function redactedHeaders(headers: Headers): [string, string][] {
  const entries: [string, string][] = [];
  headers.forEach((value, name) => {
    entries.push([name, SECRET_HEADERS.has(name.toLowerCase()) ? "[redacted]" : value]);
  });
  return entries;
}

function redactHeaders(headers: Headers): string[] {
  return redactedHeaders(headers).map(([name, value]) => `${name}: ${value}`);
}

/**
 * Wraps fetch to log each attempt to `log` (stderr): method, URL, headers with secrets
 * redacted, body; then status, duration, attempt number and request id. For `--debug`.
 */
export function debugFetch(log: (line: string) => void, inner: typeof fetch = fetch): typeof fetch {
  // Each instance is sent once per command, so attempts of the same method and URL are its retries.
  const attempts = new Map<string, number>();
  return async (input, init) => {
    const request = new Request(input, init);
    const key = `${request.method} ${request.url}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const body = request.body ? await request.clone().text() : "";
    log(`> ${request.method} ${request.url} (attempt ${attempt})`);
    for (const line of redactHeaders(request.headers)) log(`> ${line}`);
    if (body) log(`> ${redactBody(body)}`);
    const started = performance.now();
    try {
      const response = await inner(request);
      const ms = Math.round(performance.now() - started);
      const requestId = response.headers.get("x-request-id") ?? "none";
      log(`< ${response.status} ${response.statusText} (${ms} ms) ${key}, attempt ${attempt}, request id ${requestId}`);
      for (const line of redactHeaders(response.headers)) log(`< ${line}`);
      // The body is left to the client, which reads it bounded; errors show what it held.
      return response;
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      log(`< no answer after ${ms} ms: ${key}, attempt ${attempt}: ${(error as Error).message}`);
      throw error;
    }
  };
}

/** A JSON body with the value of every `password` field replaced (IAM's password login). */
export function redactBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), (key, value) =>
      key.toLowerCase() === "password" && typeof value === "string" ? "[redacted]" : value,
    );
  } catch {
    return body;
  }
}
