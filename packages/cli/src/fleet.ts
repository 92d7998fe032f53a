import type { Io } from "./io.js";
import type { InstanceResult } from "./results.js";

/** What each request must pass before it starts: the shared throttle. */
export interface Gate {
  acquire(signal: AbortSignal): Promise<void>;
  release(): void;
}

export interface FleetOptions {
  concurrency: number;
  gate?: Gate;
  failFast: boolean;
  /** A reason to start no more instances after this result, if any. */
  stopAfter?: (result: InstanceResult) => string | undefined;
  onResult: (result: InstanceResult) => void;
  /** For "stopping..." notes; the progress bar's writer when there is one. */
  log: (text: string) => void;
}

export interface FleetOutcome {
  /** One result per id, in the order of the ids; `skipped` for those never started. */
  results: InstanceResult[];
  /** Why the run ended early: --fail-fast, Ctrl-C, refused credentials. */
  stoppedBy?: string;
  interrupted: boolean;
}

/**
 * Runs `task` for each id, at most `concurrency` at once. Ctrl-C once: nothing new
 * starts, requests in flight finish (so their outcome is known); twice: they are aborted.
 */
export async function runFleet(
  ids: readonly string[],
  /** Sends one instance's request; `abort` fires on a second Ctrl-C. */
  task: (id: string, abort: AbortSignal) => Promise<InstanceResult>,
  skipped: (id: string) => InstanceResult,
  io: Io,
  options: FleetOptions,
): Promise<FleetOutcome> {
  const results: (InstanceResult | undefined)[] = new Array(ids.length);
  const stop = new AbortController();
  const abort = new AbortController();
  let stoppedBy: string | undefined;
  let interrupted = false;
  let next = 0;
  let inFlight = 0;

  const halt = (reason: string) => {
    stoppedBy ??= reason;
    stop.abort(new Error(reason));
  };
  const stopListening = io.onInterrupt(() => {
    if (interrupted) {
      abort.abort(new Error("interrupted"));
      return;
    }
    interrupted = true;
    halt("interrupted");
    if (inFlight > 0) {
      options.log(`stopping: waiting for ${inFlight} request(s) in flight to finish (Ctrl-C again to abort them)\n`);
    }
  });

  const worker = async () => {
    while (!stop.signal.aborted && next < ids.length) {
      const index = next++;
      const id = ids[index] as string;
      try {
        await options.gate?.acquire(stop.signal);
      } catch {
        return; // stopped while waiting: this id and the rest are not done
      }
      // A slot freed by a worker that then stopped the fleet must not start anything.
      if (stop.signal.aborted) {
        options.gate?.release();
        return;
      }
      inFlight++;
      try {
        const result = await task(id, abort.signal);
        results[index] = result;
        options.onResult(result);
        // Decided before the slot is released, so that no waiter starts after a stop.
        const reason = options.stopAfter?.(result);
        if (reason) halt(reason);
        else if (options.failFast && result.status === "failed") halt("stopped at the first failure (--fail-fast)");
      } finally {
        inFlight--;
        options.gate?.release();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, ids.length) }, worker));
  } finally {
    stopListening();
  }
  const all = ids.map((id, index) => results[index] ?? skipped(id));
  return stoppedBy === undefined ? { results: all, interrupted } : { results: all, stoppedBy, interrupted };
}
