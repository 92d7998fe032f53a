import { checkInstanceId, ValidationError } from "@geminidb-kit/client";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { cut, printable } from "./output.js";

// A list of ids is text: a few MB already holds 100,000 of them.
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface InstanceList {
  /** Each id once, in the order first given. */
  ids: string[];
  /** How many repeated ids were dropped. */
  duplicates: number;
}

/**
 * The instance ids of `--instance-id` (repeatable) and `--instances-file` (one per line,
 * blank lines and `#` comments ignored, `-` for stdin), each checked before anything is
 * sent. An error names the file and line of the first bad id.
 */
export async function instanceIds(
  flagValues: readonly string[],
  file: string | undefined,
  io: Io,
  helpFor: string,
): Promise<InstanceList> {
  const entries: { id: string; where: string }[] = flagValues.map((id) => ({ id, where: "--instance-id" }));
  if (file !== undefined) {
    const name = file === "-" ? "stdin" : file;
    const text = file === "-" ? await io.readStdin() : await readIdsFile(file, helpFor);
    text.split(/\r?\n/).forEach((line, index) => {
      const id = line.replace(/(^|\s)#.*$/, "").trim();
      if (id !== "") entries.push({ id, where: `${name} line ${index + 1}` });
    });
    if (entries.length === flagValues.length) {
      throw new UsageError(`no instance ids in ${printable(cut(name))}`, helpFor);
    }
  }
  if (entries.length === 0) throw new UsageError("missing required flag --instance-id (or --instances-file)", helpFor);

  const problems = entries.flatMap(({ id, where }) => {
    const problem = instanceIdProblem(id);
    if (problem === undefined) return [];
    // A line of a file is not quoted back: the wrong file may hold secrets (a .env, say).
    return [where === "--instance-id" ? `${where}: ${problem}` : `${where}: ${problem.replace(/ \(got .*\)$/s, "")}`];
  });
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more invalid)` : "";
    throw new UsageError(printable(`${cut(problems[0] as string, 200)}${more}`), helpFor);
  }
  const ids = [...new Set(entries.map(({ id }) => id))];
  return { ids, duplicates: entries.length - ids.length };
}

/** What is wrong with `id`, in the client's words, or undefined when it is an instance id. */
function instanceIdProblem(id: string): string | undefined {
  try {
    checkInstanceId(id);
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error.message.slice(error.field.length + 2);
    throw error;
  }
}

async function readIdsFile(file: string, helpFor: string): Promise<string> {
  const { readFile, stat } = await import("node:fs/promises");
  const shown = printable(cut(file));
  try {
    const info = await stat(file);
    // A pipe is fine too: --instances-file <(command).
    if (!info.isFile() && !info.isFIFO()) {
      throw new UsageError(`--instances-file ${shown} is not a regular file or a pipe`, helpFor);
    }
    const text = await readFile(file, "utf8");
    if (text.length > MAX_FILE_BYTES) throw new UsageError(`--instances-file ${shown} is larger than 16 MiB`, helpFor);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? "unreadable");
    throw new UsageError(`--instances-file ${shown}: ${why}`, helpFor);
  }
}
