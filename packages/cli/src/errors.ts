import { ExitCode } from "./exit-codes.js";

/** A mistake on the command line: the message says what is wrong, nothing was sent. */
export class UsageError extends Error {
  override name = "UsageError";
  readonly exitCode = ExitCode.Usage;
  constructor(
    message: string,
    /** The command whose --help to point at, e.g. `data-dump open`. */
    readonly helpFor?: string,
  ) {
    super(message);
  }
}

/** No credentials could be found. */
export class CredentialsError extends Error {
  override name = "CredentialsError";
  readonly exitCode = ExitCode.Credentials;
}
