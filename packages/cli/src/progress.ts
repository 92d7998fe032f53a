import type { Colours } from "./colour.js";
import type { Io } from "./io.js";

/**
 * Progress of a fleet on stderr. On a terminal: one bar, redrawn at most 10 times a second,
 * that other stderr lines (errors, debug) are written above. Elsewhere (a log file, CI): a
 * plain line each time another tenth of the instances is done.
 */
export class Progress {
  #done = 0;
  #failed = 0;
  #shown = false;
  #lastDraw = 0;
  #lastTenth = 0;
  readonly #started = Date.now();

  constructor(
    private readonly io: Io,
    private readonly total: number,
    private readonly label: string,
    private readonly colours: Colours,
    private readonly bar = io.tty.stderr,
  ) {}

  /** Writes `text` (whole lines) to stderr without tearing the bar. */
  readonly log = (text: string): void => {
    if (!this.bar || !this.#shown) {
      this.io.stderr(text);
      return;
    }
    this.io.stderr(`\r\u001b[K${text}`);
    this.#draw();
  };

  /** Writes `text` to stdout; when that is the same terminal, above the bar. */
  readonly out = (text: string): void => {
    if (!this.bar || !this.#shown || !this.io.tty.stdout) {
      this.io.stdout(text);
      return;
    }
    this.io.stderr("\r\u001b[K");
    this.io.stdout(text);
    this.#draw();
  };

  start(): void {
    if (this.bar) this.#draw();
  }

  finished(status: "succeeded" | "failed" | "skipped" | "interrupted"): void {
    this.#done++;
    if (status === "failed") this.#failed++;
    if (this.bar) {
      if (Date.now() - this.#lastDraw >= 100 || this.#done === this.total) this.#draw();
      return;
    }
    const tenth = Math.floor((this.#done * 10) / this.total);
    if (tenth > this.#lastTenth) {
      this.#lastTenth = tenth;
      this.io.stderr(`progress: ${this.#status()}\n`);
    }
  }

  /** Removes the bar, so that the summary starts on a clean line. */
  stop(): void {
    if (this.bar && this.#shown) this.io.stderr("\r\u001b[K");
    this.#shown = false;
  }

  #status(coloured = true): string {
    const seconds = (Date.now() - this.#started) / 1000;
    const rate = seconds > 0 ? this.#done / seconds : 0;
    const left = this.total - this.#done;
    const eta = rate > 0 && left > 0 ? ` ETA ${duration(left / rate)}` : "";
    const failed = this.#failed && coloured ? this.colours.red(`${this.#failed} failed`) : `${this.#failed} failed`;
    return `${this.#done}/${this.total} done, ${failed}, ${rate.toFixed(1)}/s${eta}`;
  }

  #draw(): void {
    this.#lastDraw = Date.now();
    const status = this.#status(false);
    // The line must fit the terminal: a wrapped line cannot be redrawn in place.
    const room = this.io.columns() - 1 - this.label.length - status.length - 4;
    const width = Math.min(40, room);
    let line = `${this.label} ${status}`;
    if (width >= 5) {
      const filled = Math.round((this.#done / this.total) * width);
      line = `${this.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${status}`;
    }
    line = line.slice(0, Math.max(0, this.io.columns() - 1));
    this.io.stderr(
      `\r\u001b[K${line.replace(/(\d+) failed/, (text) => (this.#failed ? this.colours.red(text) : text))}`,
    );
    this.#shown = true;
  }
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}
