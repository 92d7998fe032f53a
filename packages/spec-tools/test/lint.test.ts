import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

// The ruleset of redocly.yaml catches what it promises: a spec broken on purpose in each way
// fails the lint, naming the rule.

// biome-ignore lint/suspicious/noExplicitAny: tests change parsed specs freely
type Spec = any;

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const REDOCLY = fileURLToPath(new URL("../node_modules/.bin/redocly", import.meta.url));

function lint(spec: unknown) {
  const file = join(mkdtempSync(join(tmpdir(), "geminidb-lint-")), "openapi.yaml");
  writeFileSync(file, stringify(spec));
  const run = spawnSync(REDOCLY, ["lint", "--config", join(ROOT, "redocly.yaml"), file, "--format", "stylish"], {
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

const spec = () => parse(readFileSync(join(ROOT, "spec", "openapi.yaml"), "utf8"));
const op = (s: Spec) => s.paths["/v3/{project_id}/instances/{instance_id}/data-dump"].put;

describe("spec lint (redocly.yaml)", () => {
  it("passes on the spec as it is", () => {
    const { status, output } = lint(spec());
    expect(output).toContain("valid");
    expect(status).toBe(0);
  });

  it.each([
    ["an operation without operationId", (s: Spec) => delete op(s).operationId, "operation-operationId"],
    ["an operation without description", (s: Spec) => delete op(s).description, "operation-description"],
    [
      "an example that does not match its schema",
      (s: Spec) => (op(s).requestBody.content["application/json"].examples.open.value.action = "enable"),
      "no-invalid-media-type-examples",
    ],
    ["an unused component", (s: Spec) => (s.components.schemas.Unused = { type: "string" }), "no-unused-components"],
    ["an undocumented error status", (s: Spec) => delete op(s).responses["403"], "rule/error-statuses-documented"],
    [
      "an error response without a body schema",
      (s: Spec) => {
        op(s).responses["404"] = { description: "Not found." };
        delete s.components.responses.NotFound;
      },
      "rule/error-responses-have-a-body",
    ],
  ])("fails on %s", (_name, change, rule) => {
    const broken = spec();
    change(broken);
    const { status, output } = lint(broken);
    expect(status).not.toBe(0);
    expect(output).toContain(rule);
  });
});
