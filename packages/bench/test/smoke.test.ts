import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// The benchmark harness still runs end to end (tiny counts): every scenario produces a row.
// Timings are never asserted here; BENCHMARKS.md holds the measured figures.

const BENCH = fileURLToPath(new URL("../src/bench.mjs", import.meta.url));

it("runs every scenario with tiny counts and writes its report", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "geminidb-bench-smoke-")), "BENCHMARKS.md");
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(process.execPath, [BENCH, "--smoke", "--out", out]);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    },
  );
  expect(stderr).toBe("");
  expect(code).toBe(0);
  for (const scenario of [
    "| cold start |",
    "| one request (AK/SK) as a process |",
    "| one request: peak RSS |",
    "signed requests, sequential |",
    "signed requests, 64 in flight |",
    "| signing |",
    "| fleet: 50 instances",
  ]) {
    expect(stdout).toContain(scenario);
  }
  const report = readFileSync(out, "utf8");
  expect(report).toContain("# Benchmarks");
  expect(report).toMatch(/\| CLI bundle `dist\/geminidb\.cjs` \| \d+\.\d kB/);
  expect(report).toMatch(/installed: `@huaweicloud\/huaweicloud-sdk-gaussdbfornosql` with its dependencies \| \d+/);
}, 300_000);
