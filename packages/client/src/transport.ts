/** The most of an error body that is read; the rest is never downloaded. */
export const ERROR_BODY_READ_LIMIT = 64 * 1024;

// Statuses a Response may not be constructed with a body for.
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Wraps fetch so that the client decides from the status alone and never waits on a body
 * it does not need: a success body (documented as empty) is discarded unread, an error
 * body is read up to ERROR_BODY_READ_LIMIT bytes, and a body cut off midway keeps what
 * arrived. A broken or endless body can then neither turn a success into a failure nor
 * exhaust memory.
 */
export function boundedBodies(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const headers = new Headers(response.headers);
    // The replacement body is plain text of another length.
    headers.delete("content-length");
    headers.delete("content-encoding");
    const responseInit = { status: response.status, statusText: response.statusText, headers };
    if (response.ok || NULL_BODY_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => {});
      return new Response(null, responseInit);
    }
    return new Response(await readAtMost(response, ERROR_BODY_READ_LIMIT), responseInit);
  };
}

async function readAtMost(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // Connection cut mid-body: keep what arrived.
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(bytes);
}
