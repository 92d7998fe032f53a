import { closest, secretFlagError } from "./args.js";
import { auth } from "./commands/auth.js";
import { completion } from "./commands/completion.js";
import { config } from "./commands/config.js";
import { dataDump } from "./commands/data-dump.js";
import { CredentialsError, UsageError } from "./errors.js";
import { ExitCode } from "./exit-codes.js";
import { ROOT_HELP, VERSION } from "./help.js";
import type { Io } from "./io.js";
import { cut, printable, quoted } from "./output.js";
import { InterruptedError } from "./prompt.js";
import { StateError } from "./state.js";

type Command = (argv: readonly string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  "data-dump": dataDump,
  auth,
  config,
  completion,
};

/** Runs one command line and returns the exit code; never throws. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.helpFor ? ` (see 'geminidb ${error.helpFor} --help')` : " (see 'geminidb --help')";
      io.stderr(`error: ${lines(error.message)}${hint}\n`);
      return error.exitCode;
    }
    if (error instanceof CredentialsError) {
      io.stderr(`error: ${lines(error.message)}\n`);
      return error.exitCode;
    }
    if (error instanceof StateError) {
      io.stderr(`error: ${lines(error.message)}\n`);
      return ExitCode.ApiError;
    }
    if (error instanceof InterruptedError) {
      io.stderr("interrupted\n");
      return ExitCode.Interrupted;
    }
    // A bug of ours: say so in one line rather than dump a stack trace.
    io.stderr(`error: unexpected failure: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    return ExitCode.ApiError;
  }
}

// Messages may quote what a user or a file supplied: escape it, keeping our own line breaks.
function lines(message: string): string {
  return message.split("\n").map(printable).join("\n");
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(ROOT_HELP);
    return ExitCode.Usage;
  }
  if (first === "-h" || first === "--help" || first === "help") {
    // `geminidb help data-dump open` is `geminidb data-dump open --help`.
    if (first === "help" && rest.length > 0) return dispatch([...rest, "--help"], io);
    noMoreArguments(rest);
    io.stdout(ROOT_HELP);
    return ExitCode.Success;
  }
  if (first === "-v" || first === "--version" || first === "version") {
    noMoreArguments(rest);
    io.stdout(`geminidb ${VERSION}\n`);
    return ExitCode.Success;
  }
  if (first.startsWith("-")) {
    // Only --help and --version may precede the command. The name alone is shown: a
    // value after "=" may be a secret.
    const name = first.split("=")[0] ?? first;
    const secret = secretFlagError(name.replace(/^--?/, ""));
    if (secret) throw secret;
    const shown = printable(cut(name));
    throw new UsageError(`flag ${shown} must follow the command, e.g. geminidb data-dump open ... ${shown}`);
  }
  return commandNamed(first)(rest, io);
}

function commandNamed(name: string): Command {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command) return command;
  const guess = closest(name, [...Object.keys(COMMANDS), "help", "version"]);
  throw new UsageError(`unknown command ${quoted(name)}${guess ? ` (did you mean "${guess}"?)` : ""}`);
}

function noMoreArguments(rest: readonly string[]): void {
  if (rest[0] !== undefined) throw new UsageError(`unexpected argument ${quoted(rest[0])}`);
}
