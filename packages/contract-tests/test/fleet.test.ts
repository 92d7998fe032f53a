import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { EXAMPLE, TOKEN } from "./support/example.js";
import { useRecorder } from "./support/recorder.js";

// The operator paths of the CLI against the Prism mock: every request a fleet or a dry
// run's curl line sends must conform to the spec.

const recorder = useRecorder();

const INSTANCES = ["0a9a2be86bdf493981d17626ad2f8668in13", `${"1".repeat(32)}in01`, `${"2".repeat(32)}in02`];

function fleetArgs(action: "open" | "close", ...extra: string[]): string[] {
  return [
    "data-dump",
    action,
    "--endpoint",
    recorder.url,
    "--project-id",
    EXAMPLE.projectId,
    "--bucket",
    EXAMPLE.bucketName,
    ...INSTANCES.flatMap((id) => ["--instance-id", id]),
    ...extra,
  ];
}

describe("the CLI against Prism", () => {
  it.each(["open", "close"] as const)(
    "a fleet %s: one conforming request per instance, JSON results",
    async (action) => {
      const { code, stdout } = await runCli(fleetArgs(action, "--output", "json", "--yes"), { HW_AUTH_TOKEN: TOKEN });
      expect(code).toBe(0);
      expect(recorder.exchanges).toHaveLength(3);
      for (const exchange of recorder.exchanges) {
        expect(exchange.violations).toEqual([]);
        expect(exchange.status).toBe(200);
        expect(JSON.parse(exchange.body)).toEqual({ bucket_name: EXAMPLE.bucketName, action });
      }
      const results = stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(results.map((r) => r.instanceId).sort()).toEqual([...INSTANCES].sort());
      expect(results.every((r) => r.status === "succeeded" && r.action === action)).toBe(true);
    },
  );

  it("a fleet meeting a documented error exits 5 with the error code in each result", async () => {
    recorder.preferStatus = 404;
    const { code, stdout, stderr } = await runCli(fleetArgs("open", "--output", "json"), { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(5);
    expect(recorder.exchanges.every((exchange) => exchange.violations.length === 0)).toBe(true);
    const results = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result.status).toBe("failed");
      expect(result.error.status).toBe(404);
      expect(result.error.errorCode).toMatch(/^DBS\.\d+$/);
    }
    expect(stderr).toContain("opened 0 of 3 instances, 3 failed");
  });

  it("the curl line of --dry-run sends nothing itself, and when run sends a conforming request", async () => {
    // One instance: its curl line is the last part of the output.
    const args = [...fleetArgs("open").slice(0, 10), "--dry-run"];
    const { code, stdout } = await runCli(args, { HW_AUTH_TOKEN: TOKEN });
    expect(code).toBe(0);
    expect(recorder.exchanges).toHaveLength(0);

    const curl = stdout.slice(stdout.indexOf("curl "));
    const exit = await new Promise<number | null>((resolve) =>
      spawn("bash", ["-c", curl], { env: { PATH: process.env.PATH ?? "", HW_AUTH_TOKEN: TOKEN } }).on("close", resolve),
    );
    expect(exit).toBe(0);
    expect(recorder.exchanges).toHaveLength(1);
    expect(recorder.exchanges[0]?.violations).toEqual([]);
    expect(recorder.exchanges[0]?.status).toBe(200);
  });
});
