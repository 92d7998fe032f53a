/** What a command may touch of the process: injected so commands stay testable. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** Which streams are terminals: progress bars, colour and questions depend on it. */
  tty: { stdin: boolean; stdout: boolean; stderr: boolean };
  /** The width of the terminal on stderr. */
  columns(): number;
  /** All of stdin, for `--instances-file -`. */
  readStdin(): Promise<string>;
  /** Asks a question on the terminal and returns the line typed; rejects with InterruptedError on Ctrl-C. */
  ask(question: string): Promise<string>;
  /** Calls `handler` on each Ctrl-C until the returned function is called; meanwhile Ctrl-C does not end the process. */
  onInterrupt(handler: () => void): () => void;
}
