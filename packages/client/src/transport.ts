import { apiErrorFromResponse } from "./errors.js";

/** The most of an error body that is read; the rest is never downloaded. */
export const ERROR_BODY_READ_LIMIT = 64 * 1024;

/**
 * Wraps fetch so that the answer is judged by its status alone, as the API documents it:
 * - a 2xx is success: its body (documented as empty) is discarded unread, so a broken or
 *   endless body cannot turn a success into a failure;
 * - anything else becomes an ApiError, built from the original response (any status,
 *   any reason phrase) and at most ERROR_BODY_READ_LIMIT bytes of its body, keeping what
 *   arrived when the connection is cut midway.
 * openapi-fetch therefore only ever sees a 2xx, empty unless `onSuccess` keeps its body.
 */
export function judgedByStatus(inner: typeof fetch, onSuccess: SuccessHandler = discardBody): typeof fetch {
  return async (input, init) => {
    const request = asRequest(input, init);
    const response = await inner(request);
    if (response.status >= 200 && response.status <= 299) return onSuccess(response, request.signal);
    const text = await readAtMost(response, ERROR_BODY_READ_LIMIT, request.signal);
    // Reading stops quietly on abort; the caller must still see the abort.
    if (request.signal.aborted) throw request.signal.reason;
    throw apiErrorFromResponse(response, text);
  };
}

/** `input` as a Request: as it is when it already is one (building another costs a body stream). */
export function asRequest(input: Parameters<typeof fetch>[0], init?: RequestInit): Request {
  return input instanceof Request && init === undefined ? input : new Request(input, init);
}

/** What becomes of a 2xx answer before openapi-fetch sees it. */
export type SuccessHandler = (response: Response, signal: AbortSignal) => Promise<Response>;

async function discardBody(response: Response): Promise<Response> {
  // Empty already (the documented 200): nothing to discard.
  if (response.body === null || response.headers.get("content-length") === "0") return response;
  await response.body.cancel().catch(() => {});
  return new Response(null, { status: response.status, headers: response.headers });
}

export async function readAtMost(response: Response, limit: number, signal: AbortSignal): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  // Not every fetch ties the body to the signal: stop reading on abort ourselves.
  const stop = () => reader.cancel().catch(() => {});
  signal.addEventListener("abort", stop, { once: true });
  if (signal.aborted) stop();
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
    signal.removeEventListener("abort", stop);
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
