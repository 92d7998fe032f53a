import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REGIONS } from "@geminidb-kit/client/regions";
import { describe, expect, it } from "vitest";
import { COMMANDS, type CommandSpec } from "../src/commands/specs.js";
import { EMPTY_HOME, geminidb } from "./run.js";

// Help for every command, and completion scripts, both made from the same command specs.

/** Every command path with its spec: ["data-dump", "open"], ["config"]... */
function leaves(commands: readonly CommandSpec[] = COMMANDS, prefix: string[] = []): [string[], CommandSpec][] {
  return commands.flatMap((c) =>
    c.subcommands ? leaves(c.subcommands, [...prefix, c.name]) : [[[...prefix, c.name], c] as [string[], CommandSpec]],
  );
}

describe("--help of every command", () => {
  it.each(leaves().map(([path, spec]) => [path.join(" "), path, spec] as const))(
    "geminidb %s --help: description, every flag, examples, credentials",
    async (_name, path, spec) => {
      const { code, stdout, stderr } = await geminidb([...path, "--help"]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(stdout.split("\n")[0]).toMatch(new RegExp(`^geminidb ${path.join(" ")}: \\w`));
      expect(stdout).toContain("Usage:");
      for (const [flag, flagSpec] of Object.entries(spec.flags ?? {})) {
        expect(stdout).toContain(`--${flag}${flagSpec.value ? ` ${flagSpec.value}` : ""}`);
        if (flagSpec.help) expect(stdout).toContain(flagSpec.help);
      }
      expect(stdout).toContain("Examples:");
      expect(stdout).toMatch(/^Credentials/m);
    },
  );

  it.each(["data-dump", "auth", ""])("geminidb %s --help lists the commands", async (command) => {
    const { code, stdout } = await geminidb([command, "--help"].filter(Boolean));
    expect(stdout).toContain("Commands:");
    expect(code).toBe(0);
    expect(stdout).toContain("Examples:");
    expect(stdout).toMatch(/^Credentials/m);
  });

  it.each([
    [["dat-dump"], 'unknown command "dat-dump" (did you mean "data-dump"?)'],
    [["confg"], 'unknown command "confg" (did you mean "config"?)'],
    [["completon"], 'unknown command "completon" (did you mean "completion"?)'],
    [["auth", "logn"], 'unknown auth command "logn" (did you mean "login"?)'],
    [["data-dump", "clse"], 'unknown data-dump command "clse" (did you mean "close"?)'],
    [["DATA-DUMP"], 'unknown command "DATA-DUMP" (did you mean "data-dump"?)'],
    [["complete"], 'unknown command "complete" (did you mean "completion"?)'],
  ])("geminidb %j suggests the closest command", async (args, message) => {
    const { code, stderr } = await geminidb(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

/** What bash completion offers for `words` (the last one being completed). */
async function bashComplete(script: string, words: string[]): Promise<string[]> {
  const file = join(EMPTY_HOME, "geminidb.bash");
  writeFileSync(file, script);
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const program = `source ${file}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _geminidb; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = await new Promise<string>((resolve) => {
    let text = "";
    const child = spawn("bash", ["--norc", "-c", program]);
    child.stdout.on("data", (chunk) => (text += chunk));
    child.on("close", () => resolve(text));
  });
  return out.split("\n").filter(Boolean);
}

describe("geminidb completion", () => {
  it("bash: commands, subcommands, flags, regions, output formats", async () => {
    const { code, stdout: script } = await geminidb(["completion", "bash"]);
    expect(code).toBe(0);
    expect(await bashComplete(script, ["geminidb", ""])).toEqual(
      expect.arrayContaining(["data-dump", "auth", "config", "completion"]),
    );
    expect(await bashComplete(script, ["geminidb", "data-dump", ""])).toEqual(
      expect.arrayContaining(["open", "close"]),
    );
    expect(await bashComplete(script, ["geminidb", "data-dump", "open", "--inst"])).toEqual([
      "--instance-id",
      "--instances-file",
    ]);
    expect(await bashComplete(script, ["geminidb", "data-dump", "close", "--region", "eu-"])).toEqual(["eu-west-101"]);
    expect(await bashComplete(script, ["geminidb", "data-dump", "open", "--region", ""])).toHaveLength(REGIONS.length);
    expect(await bashComplete(script, ["geminidb", "config", "--output", ""])).toEqual(["text", "json", "table"]);
    expect(await bashComplete(script, ["geminidb", "completion", "f"])).toEqual(["fish"]);
    expect(await bashComplete(script, ["geminidb", "auth", "login", "--user"])).toEqual(["--user-name"]);
  });

  it.each(["zsh", "fish"])("%s: every command, flag, region and output format", async (shell) => {
    const { code, stdout } = await geminidb(["completion", shell]);
    expect(code).toBe(0);
    for (const [path, spec] of leaves()) {
      for (const name of path) expect(stdout).toContain(name);
      for (const flag of Object.keys(spec.flags ?? {})) {
        expect(stdout).toMatch(shell === "fish" ? new RegExp(`-l ${flag}\\b`) : new RegExp(`--${flag}(\\[|\\})`));
      }
    }
    expect(stdout).toContain(REGIONS.join(" "));
    expect(stdout).toContain("text json table");
  });

  it.each([
    [["completion"], "missing shell: bash, zsh or fish"],
    [["completion", "powershell"], 'unknown shell "powershell"'],
    [["completion", "bash", "zsh"], 'unexpected argument "zsh"'],
  ])("geminidb %j is a usage error", async (args, message) => {
    const { code, stdout, stderr } = await geminidb(args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain(message);
  });
});
