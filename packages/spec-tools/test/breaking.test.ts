import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type Document, findBreakingChanges } from "../src/breaking.js";

// The breaking-change comparison, tried on each kind of break against our own spec.

// biome-ignore lint/suspicious/noExplicitAny: tests change parsed specs freely
type Spec = any;

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const load = (name: string) => parse(readFileSync(join(ROOT, "spec", name), "utf8")) as Document;
const OP = "PUT /v3/{project_id}/instances/{instance_id}/data-dump";

/** The spec after `change`, made on a deep copy. */
function changed(change: (spec: Spec) => void, name = "openapi.yaml"): Document {
  const spec = load(name);
  change(spec);
  return spec;
}

const op = (spec: Spec) => spec.paths["/v3/{project_id}/instances/{instance_id}/data-dump"].put;

describe("findBreakingChanges", () => {
  it("finds nothing between the spec and itself", () => {
    expect(findBreakingChanges(load("openapi.yaml"), load("openapi.yaml"))).toEqual([]);
    expect(findBreakingChanges(load("iam.yaml"), load("iam.yaml"))).toEqual([]);
  });

  it.each([
    [
      "a narrowed enum (action close removed)",
      (s: Spec) => (s.components.schemas.DataDumpRequest.properties.action.enum = ["open"]),
      { where: `${OP} request body .action`, kind: "narrowed enum", detail: 'no longer allows "close"' },
    ],
    [
      "a removed operation",
      (s: Spec) => delete s.paths["/v3/{project_id}/instances/{instance_id}/data-dump"].put,
      { where: OP, kind: "removed operation", detail: `${OP} is gone` },
    ],
    [
      "a new required field in the request body",
      (s: Spec) => {
        const body = s.components.schemas.DataDumpRequest;
        body.properties.prefix = { type: "string" };
        body.required.push("prefix");
      },
      { where: `${OP} request body .prefix`, kind: "new required field", detail: "prefix is now required" },
    ],
    [
      "a changed type",
      (s: Spec) => (s.components.schemas.DataDumpRequest.properties.bucket_name.type = "integer"),
      { where: `${OP} request body .bucket_name`, kind: "changed type", detail: "type string became integer" },
    ],
    [
      "a new required parameter",
      (s: Spec) =>
        op(s).parameters.push({ name: "X-Language", in: "header", required: true, schema: { type: "string" } }),
      { where: OP, kind: "new required parameter", detail: "header x-language is now required" },
    ],
    [
      "a removed response",
      (s: Spec) => delete op(s).responses["404"],
      { where: OP, kind: "removed response", detail: "the 404 response is no longer documented" },
    ],
    [
      "a renamed operationId (the client's method names come from it)",
      (s: Spec) => (op(s).operationId = "SetDataDump"),
      { where: OP, kind: "renamed operation", detail: "operationId SetInstanceDataDump became SetDataDump" },
    ],
    [
      "a tighter pattern on a path parameter",
      (s: Spec) => (s.components.parameters.InstanceId.schema.pattern = "^[0-9a-f]{32}in01$"),
      { where: `${OP} parameter path instance_id`, kind: "changed pattern" },
    ],
    [
      "a shorter maxLength",
      (s: Spec) => (s.components.schemas.DataDumpRequest.properties.bucket_name.maxLength = 10),
      { where: `${OP} request body .bucket_name`, kind: "narrowed range", detail: "maxLength 63 became 10" },
    ],
    [
      "a region removed from the servers",
      (s: Spec) =>
        s.servers[0].variables.region.enum.splice(s.servers[0].variables.region.enum.indexOf("af-south-1"), 1),
      { kind: "narrowed enum", detail: 'no longer allows "af-south-1"' },
    ],
    [
      "a body on the 200 that had none",
      (s: Spec) => (op(s).responses["200"].content = { "application/json": { schema: { type: "object" } } }),
      { where: OP, kind: "new response body" },
    ],
    [
      "an error body field no longer required",
      (s: Spec) => (s.components.schemas.Error.required = ["error_code"]),
      { kind: "no longer required", detail: "error_msg may now be missing" },
    ],
  ])("finds %s", (_name, change, expected) => {
    const breaks = findBreakingChanges(load("openapi.yaml"), changed(change));
    expect(breaks).toContainEqual(expect.objectContaining(expected));
  });

  it.each([
    ["a widened request enum", (s: Spec) => s.components.schemas.DataDumpRequest.properties.action.enum.push("pause")],
    [
      "a new optional request field",
      (s: Spec) => (s.components.schemas.DataDumpRequest.properties.note = { type: "string" }),
    ],
    [
      "a new optional header",
      (s: Spec) => op(s).parameters.push({ name: "X-Language", in: "header", schema: { type: "string" } }),
    ],
    ["a new documented status", (s: Spec) => (op(s).responses["409"] = op(s).responses["404"])],
    ["a longer description", (s: Spec) => (op(s).description += " More.")],
  ])("lets %s pass", (_name, change) => {
    expect(findBreakingChanges(load("openapi.yaml"), changed(change))).toEqual([]);
  });
});

describe("the gate (dist/gate.js) on a copy of the repository", () => {
  const GATE = fileURLToPath(new URL("../dist/gate.js", import.meta.url));

  function repoWith(change: (spec: Spec) => void, changeset?: string): string {
    const root = mkdtempSync(join(tmpdir(), "geminidb-gate-"));
    cpSync(join(ROOT, "spec"), join(root, "spec"), { recursive: true });
    const spec = parse(readFileSync(join(root, "spec", "openapi.yaml"), "utf8"));
    change(spec);
    writeFileSync(join(root, "spec", "openapi.yaml"), stringify(spec));
    mkdirSync(join(root, ".changeset"));
    writeFileSync(join(root, ".changeset", "README.md"), "not a changeset\n");
    if (changeset) writeFileSync(join(root, ".changeset", "change.md"), changeset);
    return root;
  }
  const gate = (root: string) => spawnSync(process.execPath, [GATE, "--root", root], { encoding: "utf8" });
  const narrowAction = (s: Spec) => (s.components.schemas.DataDumpRequest.properties.action.enum = ["open"]);

  it("fails on a narrowed action enum, naming the break", () => {
    const run = gate(repoWith(narrowAction));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `spec/openapi.yaml: narrowed enum: ${OP} request body .action: no longer allows "close"`,
    );
  });

  it("fails with only a minor changeset", () => {
    const run = gate(repoWith(narrowAction, '---\n"@geminidb-kit/client": minor\n---\n\nNo more close.\n'));
    expect(run.status).toBe(1);
  });

  it("fails with a major changeset of the CLI alone: the spec is the client's contract", () => {
    const run = gate(repoWith(narrowAction, '---\n"@geminidb-kit/cli": major\n---\n\nNo more close.\n'));
    expect(run.status).toBe(1);
  });

  it("passes when a major changeset of the client announces it", () => {
    const run = gate(repoWith(narrowAction, '---\n"@geminidb-kit/client": major\n---\n\nNo more close.\n'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("announced by a major changeset of @geminidb-kit/client");
  });

  it("passes on an unchanged spec", () => {
    const run = gate(repoWith(() => {}));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("no breaking change");
  });
});
