import { UsageError } from "./errors.js";
import { cut, printable } from "./output.js";

export interface FlagSpec {
  type: "string" | "boolean";
  short?: string;
  /** May be given more than once: the values are collected in order. */
  multiple?: boolean;
  /** The value's placeholder in help, e.g. `ID`. */
  value?: string;
  /** One line for --help. */
  help?: string;
  /** What shell completion offers for the value. */
  complete?: "regions" | "outputs" | "files" | "shells";
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  positionals: string[];
  /** Flag values by long name: a string, a list for a `multiple` flag, `true` for a boolean flag given. */
  flags: Record<string, string | string[] | true>;
}

// Flags people reach for to pass a secret. They are refused with the reason, so that no
// secret ends up in shell history or the process list.
const SECRET_FLAGS = new Set(["token", "auth-token", "sk", "secret-key", "secret-access-key", "password"]);

/**
 * Parses `--name value`, `--name=value`, boolean `--name`, short `-h` and `--`.
 * Error messages name flags, never their values, since a value may be a secret.
 */
export function parseArgs(argv: readonly string[], specs: FlagSpecs, helpFor?: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | string[] | true> = {};
  const shorts = new Map(Object.entries(specs).flatMap(([name, spec]) => (spec.short ? [[spec.short, name]] : [])));

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }

    let name: string;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
    } else {
      const long = arg.length === 2 ? shorts.get(arg.slice(1)) : undefined;
      // Only the letter: in `-tVALUE` the rest may be a secret.
      if (!long) throw new UsageError(`unknown flag ${printable(arg.slice(0, 2))}`, helpFor);
      name = long;
    }

    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw unknownFlag(name, Object.keys(specs), helpFor);
    if (Object.hasOwn(flags, name) && !spec.multiple)
      throw new UsageError(`flag --${name} was given more than once`, helpFor);

    if (spec.type === "boolean") {
      if (inline !== undefined) throw new UsageError(`flag --${name} takes no value`, helpFor);
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith("-") && value !== "-")) {
      throw new UsageError(`flag --${name} needs a value`, helpFor);
    }
    if (inline === undefined) i++;
    if (spec.multiple) {
      const list = flags[name];
      flags[name] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      flags[name] = value;
    }
  }
  return { positionals, flags };
}

/** The refusal of a flag that would carry a secret, or undefined for any other flag. */
export function secretFlagError(name: string, helpFor?: string): UsageError | undefined {
  if (!SECRET_FLAGS.has(name)) return undefined;
  return new UsageError(
    `flag --${name} is not accepted: secrets on the command line leak into shell history and process lists; use the environment or a profile (see Credentials in --help)`,
    helpFor,
  );
}

function unknownFlag(name: string, known: string[], helpFor?: string): UsageError {
  const secret = secretFlagError(name, helpFor);
  if (secret) return secret;
  const guess = closest(name, known);
  return new UsageError(`unknown flag --${printable(cut(name))}${guess ? ` (did you mean --${guess}?)` : ""}`, helpFor);
}

/**
 * The closest candidate within edit distance 2 of `word` (3 for longer words; case aside),
 * else the one it begins, if any: for "did you mean".
 */
export function closest(
  word: string,
  candidates: readonly string[],
  maxDistance = word.length >= 7 ? 3 : 2,
): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined && lower.length >= 3) best = candidates.find((c) => c.toLowerCase().startsWith(lower));
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
