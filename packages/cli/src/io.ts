/** What a command may touch of the process: injected so commands stay testable. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}
