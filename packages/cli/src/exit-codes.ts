/** Exit codes of `geminidb`, documented in its --help and README. */
export const ExitCode = {
  Success: 0,
  /** The API answered with an error. */
  ApiError: 1,
  /** Bad command line or input; nothing was sent. */
  Usage: 2,
  /** No usable credentials, or the API refused them (HTTP 401). */
  Credentials: 3,
  /** The endpoint could not be reached, or did not answer in time. */
  Network: 4,
  /** Several instances were asked for and some of them failed (see the summary). */
  SomeFailed: 5,
  /** Ctrl-C at a prompt (128 + SIGINT, as shells report it). */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
