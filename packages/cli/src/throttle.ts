import { parseRetryAfter } from "@geminidb-kit/client";

/**
 * One gate for all workers of a fleet. When the API throttles (HTTP 429), every worker
 * waits out the pause it asked for (Retry-After, else 1 s) before its next request, and
 * the number of requests in flight is halved; it grows back by one each time that many
 * requests succeed in a row (additive increase, multiplicative decrease, as TCP does).
 */
export class Throttle {
  #limit: number;
  #active = 0;
  #successes = 0;
  #pausedUntil = 0;
  #waiting: (() => void)[] = [];

  constructor(
    readonly max: number,
    /** Told when a 429 pauses everyone longer than before: the pause in ms and the new limit. */
    private readonly onThrottle: (pauseMs: number, limit: number) => void = () => {},
  ) {
    this.#limit = max;
  }

  get limit(): number {
    return this.#limit;
  }

  /** Waits for a free slot, and for any pause to end. Rejects as soon as `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const pause = this.#pausedUntil - Date.now();
      if (pause > 0) await sleep(pause, signal);
      else if (this.#active >= this.#limit) await this.#slot(signal);
      else break;
    }
    this.#active++;
  }

  release(): void {
    this.#active--;
    this.#waiting.shift()?.();
  }

  /** Sees every answer: a fetch wrapper around the transport. */
  watch(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      const response = await inner(input, init);
      if (response.status === 429) this.#throttled(parseRetryAfter(response.headers.get("retry-after"), Date.now()));
      else if (response.ok) this.#succeeded();
      return response;
    };
  }

  /** Resolves when a slot may be free; rejects (and leaves the queue) when `signal` aborts. */
  #slot(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        this.#waiting = this.#waiting.filter((waiter) => waiter !== wake);
        reject(signal?.reason);
      };
      this.#waiting.push(wake);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #throttled(retryAfterMs: number | undefined): void {
    const now = Date.now();
    const pause = Math.min(retryAfterMs ?? 1000, 20_000);
    this.#successes = 0;
    // Requests in flight together come back with one 429 each: that is one signal to slow
    // down, not one per request. Only a 429 after the pause has ended halves again.
    if (now < this.#pausedUntil) {
      this.#pausedUntil = Math.max(this.#pausedUntil, now + pause);
      return;
    }
    this.#pausedUntil = now + pause;
    this.#limit = Math.max(1, Math.ceil(this.#limit / 2));
    this.onThrottle(pause, this.#limit);
  }

  #succeeded(): void {
    if (this.#limit >= this.max || ++this.#successes < this.#limit) return;
    this.#successes = 0;
    this.#limit++;
    this.#waiting.shift()?.();
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
