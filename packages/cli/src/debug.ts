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

export function redactHeaders(headers: Headers): string[] {
  const lines: string[] = [];
  headers.forEach((value, name) => {
    lines.push(`${name}: ${SECRET_HEADERS.has(name.toLowerCase()) ? "[redacted]" : value}`);
  });
  return lines;
}

/**
 * Wraps fetch to log each request and its answer to `log` (stderr): method, URL,
 * headers with secrets redacted, body, status, duration. For `--debug`.
 */
export function debugFetch(log: (line: string) => void, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : "";
    log(`> ${request.method} ${request.url}`);
    for (const line of redactHeaders(request.headers)) log(`> ${line}`);
    if (body) log(`> ${redactBody(body)}`);
    const started = performance.now();
    try {
      const response = await inner(request);
      const ms = Math.round(performance.now() - started);
      log(`< ${response.status} ${response.statusText} (${ms} ms)`);
      for (const line of redactHeaders(response.headers)) log(`< ${line}`);
      // The body is left to the client, which reads it bounded; errors show what it held.
      return response;
    } catch (error) {
      log(`< no answer after ${Math.round(performance.now() - started)} ms: ${(error as Error).message}`);
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
