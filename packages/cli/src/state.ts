import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";

type Env = Record<string, string | undefined>;

/** The config dir could not be read or written: says which file and why. */
export class StateError extends Error {
  override name = "StateError";
}

/**
 * Where geminidb keeps what it caches: $XDG_CONFIG_HOME/geminidb, else ~/.config/geminidb.
 * A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
 */
export function configDir(env: Env): string {
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME ?? homedir(), ".config");
  return join(base, "geminidb");
}

/** A cache file for `key`, under `folder` of the config dir: one file per key, so writers never race. */
export function keyedName(folder: string, key: string): string {
  return join(
    folder,
    process.getBuiltinModule("node:crypto").createHash("sha256").update(key).digest("hex").slice(0, 32),
  );
}

// Caches are small; anything bigger is not ours.
const MAX_STATE_BYTES = 1024 * 1024;

/** Reads a JSON file of the config dir; undefined when it is missing, unreadable or not JSON. */
export function readState<T>(env: Env, name: string): T | undefined {
  const path = join(configDir(env), name);
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_STATE_BYTES) return undefined;
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/**
 * Writes a JSON file of the config dir that only the user can read (0600, in a 0700 dir),
 * atomically: a crash leaves the old file or the new one, never half of one.
 */
export function writeState(env: Env, name: string, value: unknown): string {
  const path = join(configDir(env), name);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
    return path;
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where nothing could be.
    }
    throw new StateError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Deletes a file of the config dir; false when there was none. */
export function removeState(env: Env, name: string): boolean {
  const path = join(configDir(env), name);
  try {
    statSync(path);
  } catch {
    return false;
  }
  try {
    rmSync(path, { force: true });
    return true;
  } catch (error) {
    throw new StateError(`cannot delete ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
