// The breaking-change gate of CI: spec/*.yaml against the snapshot of the last release
// (spec/released/, written by `pnpm release:version`). A break fails unless a changeset
// announces a major release of the client or the CLI.
//   node dist/gate.js --root DIR
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { type Break, type Document, findBreakingChanges } from "./breaking.js";

const SPECS = ["openapi.yaml", "iam.yaml"];
// The spec is the client's contract (its types are generated from it); the CLI follows the
// client's version (a fixed group in .changeset/config.json).
const CONTRACT_PACKAGE = "@geminidb-kit/client";

/** The packages a pending changeset bumps by a major version. */
export function majorBumps(changesetDir: string): string[] {
  if (!existsSync(changesetDir)) return [];
  return readdirSync(changesetDir)
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .flatMap((name) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(changesetDir, name), "utf8"))?.[1] ?? "";
      return front.split("\n").flatMap((line) => {
        const match = /^\s*["']?([^"':]+)["']?\s*:\s*major\s*$/.exec(line);
        return match?.[1] ? [match[1]] : [];
      });
    });
}

export interface GateResult {
  breaks: (Break & { spec: string })[];
  majors: string[];
  ok: boolean;
}

export function runGate(root: string): GateResult {
  const breaks: GateResult["breaks"] = [];
  for (const spec of SPECS) {
    const released = join(root, "spec", "released", spec);
    if (!existsSync(released)) continue;
    const current = join(root, "spec", spec);
    if (!existsSync(current)) {
      breaks.push({ spec, where: spec, kind: "removed spec", detail: `spec/${spec} is gone` });
      continue;
    }
    const load = (path: string) => parse(readFileSync(path, "utf8")) as Document;
    for (const found of findBreakingChanges(load(released), load(current))) breaks.push({ spec, ...found });
  }
  const majors = majorBumps(join(root, ".changeset")).filter((name) => name === CONTRACT_PACKAGE);
  return { breaks, majors, ok: breaks.length === 0 || majors.length > 0 };
}

function main(argv: string[]): number {
  const at = argv.indexOf("--root");
  const root = resolve(at === -1 ? "." : (argv[at + 1] ?? "."));
  const { breaks, majors, ok } = runGate(root);
  if (breaks.length === 0) {
    console.log("breaking-change gate: no breaking change against spec/released/");
    return 0;
  }
  const lines = breaks.map((b) => `  spec/${b.spec}: ${b.kind}: ${b.where}: ${b.detail}`);
  if (ok) {
    console.log(
      `breaking-change gate: ${breaks.length} breaking change(s), announced by a major changeset of ${majors.join(", ")}:`,
    );
    console.log(lines.join("\n"));
    return 0;
  }
  console.error(`breaking-change gate: ${breaks.length} breaking change(s) against the last release (spec/released/):`);
  console.error(lines.join("\n"));
  console.error("Undo them, or announce a major release: `pnpm changeset`, choosing major for @geminidb-kit/client.");
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv.slice(2));
}
