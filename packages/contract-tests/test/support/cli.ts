import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

// No credentials file or cached token of the user's can reach the CLI under test.
export const EMPTY_HOME = mkdtempSync(join(tmpdir(), "geminidb-contract-home-"));

/** The built, bundled CLI: tests run it exactly as users do, as a separate process. */
export const CLI = fileURLToPath(new URL("../../../cli/dist/geminidb.cjs", import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `geminidb ARGS` with only the given environment (plus PATH and an empty HOME), never the caller's. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { PATH: process.env.PATH ?? "", HOME: EMPTY_HOME, XDG_CONFIG_HOME: join(EMPTY_HOME, ".config"), ...env },
        timeout: 15_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        // Whatever the scenario, no secret given to the CLI may show in its output.
        for (const [name, value] of Object.entries(env)) {
          if (/SK$|SECRET|TOKEN|PASSWORD/.test(name) && value.trim().length >= 6) {
            expect(stdout + stderr, `${name} leaked into the output`).not.toContain(value.trim());
          }
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}
