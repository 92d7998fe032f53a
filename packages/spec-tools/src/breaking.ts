// Which changes between two versions of an OpenAPI description break users of the old one.
// Requests are what clients send: the new spec must accept everything the old one did.
// Responses are what clients receive: they must not meet anything the old one ruled out.

/** A parsed OpenAPI document: only local `#/...` references are followed. */
export type Document = Record<string, unknown>;

export interface Break {
  /** Where: e.g. `PUT /v3/{project_id}/instances/{instance_id}/data-dump request body .action`. */
  where: string;
  /** What kind of break, e.g. `narrowed enum`. */
  kind: string;
  /** What changed, in words. */
  detail: string;
}

type Schema = Record<string, unknown>;
type Direction = "request" | "response";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export function findBreakingChanges(before: Document, after: Document): Break[] {
  const breaks: Break[] = [];
  const add = (where: string, kind: string, detail: string) => breaks.push({ where, kind, detail });
  compareServers(before, after, add);

  const oldPaths = record(before.paths);
  const newPaths = record(after.paths);
  for (const [path, oldItemRaw] of Object.entries(oldPaths)) {
    const oldItem = record(resolve(before, oldItemRaw));
    const newItem = record(resolve(after, newPaths[path]));
    for (const method of METHODS) {
      const oldOp = oldItem[method];
      if (oldOp === undefined) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const newOp = newItem[method];
      if (newOp === undefined) {
        add(where, "removed operation", `${where} is gone`);
        continue;
      }
      compareOperation(
        { doc: before, op: record(oldOp), pathParams: list(oldItem.parameters) },
        { doc: after, op: record(newOp), pathParams: list(newItem.parameters) },
        where,
        add,
      );
    }
  }
  return breaks;
}

type Add = (where: string, kind: string, detail: string) => void;

interface Side {
  doc: Document;
  op: Record<string, unknown>;
  pathParams: unknown[];
}

function compareOperation(before: Side, after: Side, where: string, add: Add): void {
  if (before.op.operationId !== after.op.operationId) {
    add(
      where,
      "renamed operation",
      `operationId ${String(before.op.operationId)} became ${String(after.op.operationId)}`,
    );
  }

  const oldParams = parameters(before);
  const newParams = parameters(after);
  for (const [key, param] of newParams) {
    const old = oldParams.get(key);
    if (param.required === true && old?.required !== true) {
      add(where, "new required parameter", `${key} is now required`);
    }
  }
  for (const [key, old] of oldParams) {
    const param = newParams.get(key);
    if (!param) {
      add(where, "removed parameter", `${key} is no longer accepted`);
      continue;
    }
    compareSchemas(before.doc, after.doc, old.schema, param.schema, "request", `${where} parameter ${key}`, add);
  }

  const oldBody = record(resolve(before.doc, before.op.requestBody));
  const newBody = record(resolve(after.doc, after.op.requestBody));
  if (after.op.requestBody !== undefined) {
    if (newBody.required === true && oldBody.required !== true) {
      add(where, "new required field", "the request body is now required");
    }
    compareContent(
      before.doc,
      after.doc,
      oldBody.content,
      newBody.content,
      "request",
      `${where} request body`,
      (type) => add(where, "removed media type", `the request body no longer accepts ${type}`),
      add,
    );
  }

  const oldResponses = record(before.op.responses);
  const newResponses = record(after.op.responses);
  for (const [status, oldResponseRaw] of Object.entries(oldResponses)) {
    if (newResponses[status] === undefined) {
      add(where, "removed response", `the ${status} response is no longer documented`);
      continue;
    }
    const oldResponse = record(resolve(before.doc, oldResponseRaw));
    const newResponse = record(resolve(after.doc, newResponses[status]));
    compareContent(
      before.doc,
      after.doc,
      oldResponse.content,
      newResponse.content,
      "response",
      `${where} ${status} response body`,
      (type) => add(where, "removed media type", `the ${status} response no longer comes as ${type}`),
      add,
    );
    for (const type of Object.keys(record(newResponse.content))) {
      if (record(oldResponse.content)[type] === undefined && Object.keys(record(oldResponse.content)).length === 0) {
        add(where, "new response body", `the ${status} response now has a ${type} body where it had none`);
      }
    }
  }
}

/** Each media type of `before` must still be there, with a schema compatible in `direction`. */
function compareContent(
  beforeDoc: Document,
  afterDoc: Document,
  oldContent: unknown,
  newContent: unknown,
  direction: Direction,
  where: string,
  removed: (type: string) => void,
  add: Add,
): void {
  for (const [type, media] of Object.entries(record(oldContent))) {
    const newMedia = record(newContent)[type];
    if (newMedia === undefined) removed(type);
    else compareSchemas(beforeDoc, afterDoc, record(media).schema, record(newMedia).schema, direction, where, add);
  }
}

interface Parameter {
  required?: unknown;
  schema?: unknown;
}

/** Path-level and operation-level parameters by `in name` (headers case-insensitively). */
function parameters(side: Side): Map<string, Parameter> {
  const map = new Map<string, Parameter>();
  for (const raw of [...side.pathParams, ...list(side.op.parameters)]) {
    const param = record(resolve(side.doc, raw));
    const name = String(param.name);
    const key = `${String(param.in)} ${param.in === "header" ? name.toLowerCase() : name}`;
    map.set(key, param);
  }
  return map;
}

function compareServers(before: Document, after: Document, add: Add): void {
  const newServers = new Map(list(after.servers).map((s) => [String(record(s).url), record(s)]));
  for (const raw of list(before.servers)) {
    const server = record(raw);
    const url = String(server.url);
    const match = newServers.get(url);
    if (!match) {
      add("servers", "removed server", `${url} is gone`);
      continue;
    }
    for (const [name, variable] of Object.entries(record(server.variables))) {
      const removed = list(record(variable).enum).filter(
        (value) => !list(record(record(match.variables)[name]).enum).includes(value),
      );
      if (removed.length && record(record(match.variables)[name]).enum !== undefined) {
        add(`servers ${url} {${name}}`, "narrowed enum", `no longer allows ${removed.map(show).join(", ")}`);
      }
    }
  }
}

function compareSchemas(
  beforeDoc: Document,
  afterDoc: Document,
  oldRaw: unknown,
  newRaw: unknown,
  direction: Direction,
  where: string,
  add: Add,
  seen = new Set<unknown>(),
): void {
  if (oldRaw === undefined || newRaw === undefined || seen.has(oldRaw)) return;
  seen.add(oldRaw);
  const old = record(resolve(beforeDoc, oldRaw));
  const now = record(resolve(afterDoc, newRaw));

  const oldTypes = types(old);
  const newTypes = types(now);
  if (oldTypes && newTypes) {
    // A request type dropped, or a response type added, breaks someone.
    const lost = direction === "request" ? oldTypes.filter((t) => !newTypes.includes(t)) : [];
    const gained = direction === "response" ? newTypes.filter((t) => !oldTypes.includes(t)) : [];
    if (lost.length || gained.length) {
      add(where, "changed type", `type ${oldTypes.join("|")} became ${newTypes.join("|")}`);
      return;
    }
  }

  const oldEnum = old.enum === undefined ? undefined : list(old.enum);
  const newEnum = now.enum === undefined ? undefined : list(now.enum);
  if (direction === "request" && newEnum) {
    const removed = (oldEnum ?? []).filter((v) => !newEnum.includes(v));
    if (!oldEnum) add(where, "narrowed enum", `now limited to ${newEnum.map(show).join(", ")}`);
    else if (removed.length) add(where, "narrowed enum", `no longer allows ${removed.map(show).join(", ")}`);
  }
  if (direction === "response" && oldEnum) {
    const added = (newEnum ?? []).filter((v) => !oldEnum.includes(v));
    if (!newEnum) add(where, "widened enum", "any value may now come back");
    else if (added.length) add(where, "widened enum", `may now return ${added.map(show).join(", ")}`);
  }

  if (direction === "request") {
    if (old.format !== now.format && now.format !== undefined) {
      add(where, "changed format", `format ${show(old.format)} became ${show(now.format)}`);
    }
    if (old.pattern !== now.pattern && now.pattern !== undefined) {
      add(where, "changed pattern", `pattern ${show(old.pattern)} became ${show(now.pattern)}`);
    }
    const tighter = (key: string, smaller: boolean) => {
      const a = old[key];
      const b = now[key];
      if (typeof b !== "number") return;
      if (typeof a !== "number" || (smaller ? b < a : b > a)) {
        add(where, "narrowed range", `${key} ${a === undefined ? "(none)" : show(a)} became ${show(b)}`);
      }
    };
    tighter("maxLength", true);
    tighter("maximum", true);
    tighter("maxItems", true);
    tighter("minLength", false);
    tighter("minimum", false);
    tighter("minItems", false);
  }

  const oldRequired = list(old.required).map(String);
  const newRequired = list(now.required).map(String);
  if (direction === "request") {
    for (const name of newRequired.filter((n) => !oldRequired.includes(n))) {
      add(`${where} .${name}`, "new required field", `${name} is now required`);
    }
    if (now.additionalProperties === false && old.additionalProperties !== false) {
      add(where, "closed object", "properties not listed are no longer accepted");
    }
  } else {
    for (const name of oldRequired.filter((n) => !newRequired.includes(n))) {
      add(`${where} .${name}`, "no longer required", `${name} may now be missing`);
    }
  }

  const oldProps = record(old.properties);
  const newProps = record(now.properties);
  for (const [name, schema] of Object.entries(oldProps)) {
    if (newProps[name] === undefined) {
      const breaks = direction === "response" || now.additionalProperties === false;
      if (breaks) add(`${where} .${name}`, "removed field", `${name} is gone`);
      continue;
    }
    compareSchemas(beforeDoc, afterDoc, schema, newProps[name], direction, `${where} .${name}`, add, seen);
  }
  compareSchemas(beforeDoc, afterDoc, old.items, now.items, direction, `${where}[]`, add, seen);
}

function types(schema: Schema): string[] | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type.map(String) : [String(schema.type)];
}

/** Follows local `$ref`s (`#/components/...`). */
function resolve(doc: Document, value: unknown, depth = 0): unknown {
  const ref = record(value).$ref;
  if (typeof ref !== "string" || depth > 20) return value;
  if (!ref.startsWith("#/")) throw new Error(`only local references are supported: ${ref}`);
  const target = ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, key) => record(node)[key], doc);
  return resolve(doc, target, depth + 1);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function show(value: unknown): string {
  return JSON.stringify(value);
}
