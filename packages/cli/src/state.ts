import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

type Env = Record<string, string | undefined>;

/** Where geminidb keeps what it caches: $XDG_CONFIG_HOME/geminidb, else ~/.config/geminidb. */
export function configDir(env: Env): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME ?? homedir(), ".config");
  return join(base, "geminidb");
}

/** Reads a JSON file of the config dir; undefined when it is missing or unreadable. */
export function readState<T>(env: Env, name: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(configDir(env), name), "utf8")) as T;
  } catch {
    return undefined;
  }
}

/**
 * Writes a JSON file of the config dir that only the user can read (0600, in a 0700 dir),
 * atomically: a crash leaves the old file or the new one, never half of one.
 */
export function writeState(env: Env, name: string, value: unknown): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, name);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

export function removeState(env: Env, name: string): boolean {
  const path = join(configDir(env), name);
  try {
    readFileSync(path);
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return true;
}
