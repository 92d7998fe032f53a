import { existsSync, readFileSync, rmSync } from "node:fs";
import { IAM_SPEC, SPEC } from "@geminidb-kit/test-support";
import { parse } from "yaml";
import { COVERAGE_FILE } from "./recorder.js";

// The coverage line of the contract suite: operations, statuses and error codes exercised,
// out of those the specs declare (error codes: those of the error responses' examples).

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, walked freely
type Node = Record<string, any>;

interface Declared {
  id: string;
  method: string;
  pattern: RegExp;
  statuses: Set<string>;
  errorCodes: Set<string>;
}

function declared(file: string): Declared[] {
  const spec = parse(readFileSync(file, "utf8")) as Node;
  const resolve = (node: Node): Node =>
    typeof node?.$ref === "string"
      ? resolve(
          node.$ref
            .slice(2)
            .split("/")
            .reduce((at: Node, k: string) => at[k], spec),
        )
      : node;
  const found: Declared[] = [];
  for (const [path, item] of Object.entries(spec.paths as Node)) {
    for (const [method, op] of Object.entries(item as Node)) {
      if (!op?.operationId) continue;
      const errorCodes = new Set<string>();
      for (const [status, raw] of Object.entries(op.responses as Node)) {
        if (!/^[45]/.test(status)) continue;
        for (const media of Object.values(resolve(raw).content ?? {}) as Node[]) {
          for (const example of Object.values(media.examples ?? {}) as Node[]) {
            const value = resolve(example).value ?? {};
            const code = value.error_code ?? value.error?.code;
            if (typeof code === "string") errorCodes.add(code);
          }
        }
      }
      found.push({
        id: op.operationId,
        method: method.toUpperCase(),
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
        statuses: new Set(Object.keys(op.responses)),
        errorCodes,
      });
    }
  }
  return found;
}

export function resetCoverage(): void {
  rmSync(COVERAGE_FILE, { force: true });
}

export function coverageLine(): string {
  const operations = [...declared(SPEC), ...declared(IAM_SPEC)];
  const seen = existsSync(COVERAGE_FILE)
    ? readFileSync(COVERAGE_FILE, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { method: string; path: string; status: number; errorCode?: string })
    : [];
  let statuses = 0;
  let statusesSeen = 0;
  let codes = 0;
  let codesSeen = 0;
  let opsSeen = 0;
  const missing: string[] = [];
  for (const op of operations) {
    const mine = seen.filter((e) => e.method === op.method && op.pattern.test(e.path));
    if (mine.length) opsSeen++;
    for (const status of op.statuses) {
      statuses++;
      if (mine.some((e) => String(e.status) === status)) statusesSeen++;
      else missing.push(`${op.id} status ${status}`);
    }
    for (const code of op.errorCodes) {
      codes++;
      if (mine.some((e) => e.errorCode === code)) codesSeen++;
      else missing.push(`${op.id} code ${code}`);
    }
  }
  return (
    `contract coverage: operations ${opsSeen} of ${operations.length}, statuses ${statusesSeen} of ${statuses}, ` +
    `error codes ${codesSeen} of ${codes}${missing.length ? ` (not exercised: ${missing.join(", ")})` : ""}`
  );
}
