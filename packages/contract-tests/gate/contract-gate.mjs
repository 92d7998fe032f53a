// scripts/contract-gate: the contract gate in front of a real or emulated service.
// Prism runs in proxy mode between our client/CLI and the upstream; a recording proxy in
// front of Prism keeps every exchange. Each exchange is judged by Prism's validation
// (`sl-violations`) and by our own checks of what Prism lets through (a body on the no-content
// 200, an undeclared status, an error body without its required fields). Exits 1 on any
// violation, 2 on bad usage.
//   node gate/contract-gate.mjs --upstream URL [--project-id P --instance-id I --bucket B]
//                               [--send-raw VARIANT]   (the gate's self-test: a wrong request)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { createServer as createNetServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..", "..");
const SPEC = join(ROOT, "spec", "openapi.yaml");
const CLI = join(ROOT, "packages", "cli", "dist", "geminidb.cjs");
const EXAMPLE = {
  projectId: "0549b4a43100d4f32f51c01c2fe4acdb",
  instanceId: "0a9a2be86bdf493981d17626ad2f8668in13",
  bucket: "influxdb-obs",
};

/** Wrong requests the gate must catch, for its self-test: each names what it breaks. */
export const RAW_VARIANTS = {
  enable: { body: { bucket_name: "influxdb-obs", action: "enable" }, token: true },
  "no-token": { body: { bucket_name: "influxdb-obs", action: "open" }, token: false },
  "id-in-body": {
    body: { bucket_name: "influxdb-obs", action: "open", instance_id: EXAMPLE.instanceId },
    token: true,
  },
  bucketName: { body: { bucketName: "influxdb-obs", action: "open" }, token: true },
};

// ---------------------------------------------------------------------------------------
// The spec: the operation, its declared statuses and their bodies.

function loadContract(specPath) {
  const spec = parse(readFileSync(specPath, "utf8"));
  const resolve = (node) => {
    let value = node;
    for (let depth = 0; value && typeof value.$ref === "string" && depth < 10; depth++) {
      value = value.$ref
        .slice(2)
        .split("/")
        .reduce((at, key) => at?.[key], spec);
    }
    return value;
  };
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== "object" || !op.operationId) continue;
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      const responses = Object.fromEntries(
        Object.entries(op.responses ?? {}).map(([status, response]) => [status, resolve(response)]),
      );
      operations.push({ id: op.operationId, method: method.toUpperCase(), path, pattern, responses, resolve });
    }
  }
  return operations;
}

/** Our own checks of an answer against the operation's declared responses. */
export function checkResponse(operation, status, body) {
  const problems = [];
  const declared = operation.responses[String(status)];
  if (!declared) {
    const statuses = Object.keys(operation.responses).join(", ");
    problems.push(`status ${status} is not declared for ${operation.id} (declared: ${statuses})`);
    return problems;
  }
  const content = declared.content;
  if (!content || Object.keys(content).length === 0) {
    if (body.length > 0) {
      problems.push(`HTTP ${status} came with a ${body.length}-byte body; the spec declares none for ${operation.id}`);
    }
    return problems;
  }
  const schema = operation.resolve(content["application/json"]?.schema);
  if (!schema) return problems;
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    problems.push(`HTTP ${status} body is not the JSON the spec declares (${JSON.stringify(body.slice(0, 60))})`);
    return problems;
  }
  for (const field of schema.required ?? []) {
    if (parsed === null || typeof parsed !== "object" || !(field in parsed)) {
      problems.push(`HTTP ${status} body lacks the required field ${field}`);
    } else {
      const type = operation.resolve(schema.properties?.[field])?.type;
      if (type === "string" && typeof parsed[field] !== "string") {
        problems.push(`HTTP ${status} body field ${field} is not a string`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Processes: Prism in proxy mode, and a recording proxy in front of it.

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function prismBin() {
  const require = createRequire(join(ROOT, "packages", "test-support", "package.json"));
  const manifest = require.resolve("@stoplight/prism-cli/package.json");
  return join(dirname(manifest), require(manifest).bin.prism);
}

async function startPrismProxy(specPath, upstream) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismBin(), "proxy", "--host", "127.0.0.1", "--port", String(port), specPath, upstream],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SCARF_ANALYTICS: "false" } },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}:\n${output}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`prism did not answer within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, stop: () => child.kill() };
}

function parseViolations(header) {
  if (typeof header !== "string" || header === "") return [];
  try {
    const parsed = JSON.parse(header);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [{ message: header }];
  }
}

async function startRecorder(target) {
  const upstream = new URL(target);
  const exchanges = [];
  // Which leg (client, cli, raw ...) is sending: the legs run one after the other.
  const state = { leg: "" };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const leg = state.leg;
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          const parts = [];
          answer.on("data", (chunk) => parts.push(chunk));
          answer.on("end", () => {
            const responseBody = Buffer.concat(parts);
            exchanges.push({
              leg,
              method: req.method,
              path: req.url,
              requestBody: body.toString("utf8"),
              status: answer.statusCode,
              headers: answer.headers,
              body: responseBody.toString("utf8"),
              violations: parseViolations(answer.headers["sl-violations"]),
            });
            const headers = { ...answer.headers };
            delete headers["sl-violations"];
            res.writeHead(answer.statusCode ?? 502, headers).end(responseBody);
          });
        },
      );
      forward.on("error", (error) => res.writeHead(502).end(`gate could not reach prism: ${error.message}`));
      forward.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    exchanges,
    state,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

// ---------------------------------------------------------------------------------------
// What is driven through the gate.

/** Credentials for the client leg, from the environment variables the CLI also reads. */
function clientCredentials(env) {
  const ak = env.HUAWEICLOUD_SDK_AK ?? env.HW_ACCESS_KEY;
  const sk = env.HUAWEICLOUD_SDK_SK ?? env.HW_SECRET_KEY;
  if (ak && sk) {
    const securityToken = env.HUAWEICLOUD_SDK_SECURITY_TOKEN ?? env.HW_SECURITY_TOKEN;
    return { accessKey: ak, secretKey: sk, ...(securityToken ? { securityToken } : {}) };
  }
  if (env.HW_AUTH_TOKEN) return { token: env.HW_AUTH_TOKEN };
  return undefined;
}

async function driveClient(url, target, env, log) {
  const credentials = clientCredentials(env);
  if (!credentials) {
    log("client leg skipped: no AK/SK or HW_AUTH_TOKEN in the environment (the client takes credentials as options)");
    return;
  }
  const { createClient } = await import("@geminidb-kit/client");
  const client = createClient({
    endpoint: url,
    projectId: target.projectId,
    ...credentials,
    maxAttempts: 1,
  });
  for (const action of ["open", "close"]) {
    try {
      await client.setInstanceDataDump({ instanceId: target.instanceId, bucketName: target.bucket, action });
    } catch (error) {
      log(`client ${action}: ${error.message}`);
    }
  }
}

async function driveCli(url, target, env, log) {
  for (const action of ["open", "close"]) {
    const args = [
      CLI,
      "data-dump",
      action,
      "--endpoint",
      url,
      "--project-id",
      target.projectId,
      "--instance-id",
      target.instanceId,
      "--bucket",
      target.bucket,
      "--max-attempts",
      "1",
    ];
    const result = await new Promise((resolve) => {
      const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("close", (code) => resolve({ code, output }));
    });
    if (result.code !== 0) log(`cli ${action}: exit ${result.code}: ${result.output.trim().split("\n")[0]}`);
  }
}

async function sendRaw(url, target, variant) {
  const { body, token } = RAW_VARIANTS[variant];
  await fetch(`${url}/v3/${target.projectId}/instances/${target.instanceId}/data-dump`, {
    method: "PUT",
    headers: {
      "content-type": "application/json",
      ...(token ? { "x-auth-token": "gate-self-test-token" } : {}),
    },
    body: JSON.stringify(body),
  });
}

// ---------------------------------------------------------------------------------------

function usage(message) {
  console.error(`error: ${message}`);
  console.error(
    "usage: scripts/contract-gate --upstream URL [--project-id P --instance-id I --bucket B] [--send-raw VARIANT]",
  );
  process.exit(2);
}

function flagsFrom(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!name.startsWith("--")) usage(`unexpected argument ${JSON.stringify(name)}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) usage(`${name} needs a value`);
    flags[name.slice(2)] = value;
    i++;
  }
  for (const name of Object.keys(flags)) {
    if (!["upstream", "project-id", "instance-id", "bucket", "send-raw"].includes(name))
      usage(`unknown flag --${name}`);
  }
  return flags;
}

async function main(argv) {
  const flags = flagsFrom(argv);
  if (!flags.upstream) usage("--upstream URL is required");
  let upstream;
  try {
    upstream = new URL(flags.upstream);
  } catch {
    usage("--upstream is not a URL");
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(upstream.hostname);
  if (!loopback && !(flags["project-id"] && flags["instance-id"] && flags.bucket)) {
    usage("against a real service give --project-id, --instance-id and --bucket of a throwaway instance");
  }
  if (flags["send-raw"] && !(flags["send-raw"] in RAW_VARIANTS)) {
    usage(`--send-raw must be one of ${Object.keys(RAW_VARIANTS).join(", ")}`);
  }
  const target = {
    projectId: flags["project-id"] ?? EXAMPLE.projectId,
    instanceId: flags["instance-id"] ?? EXAMPLE.instanceId,
    bucket: flags.bucket ?? EXAMPLE.bucket,
  };

  const operations = loadContract(SPEC);
  const notes = [];
  const log = (line) => notes.push(line);
  const prism = await startPrismProxy(SPEC, upstream.href.replace(/\/$/, ""));
  const recorder = await startRecorder(prism.url);
  try {
    if (flags["send-raw"]) {
      recorder.state.leg = `raw request (${flags["send-raw"]})`;
      await sendRaw(recorder.url, target, flags["send-raw"]);
    } else {
      recorder.state.leg = "client";
      await driveClient(recorder.url, target, process.env, log);
      recorder.state.leg = "cli";
      await driveCli(recorder.url, target, process.env, log);
    }
  } finally {
    await recorder.stop();
    prism.stop();
  }

  // Judge each exchange.
  const lines = [];
  const exercised = new Map();
  let violations = 0;
  for (const exchange of recorder.exchanges) {
    const path = exchange.path.split("?")[0];
    const operation = operations.find((op) => op.method === exchange.method && op.pattern.test(path));
    const problems = exchange.violations.map(
      (v) => `prism: ${v.message}${v.location ? ` (at ${v.location.join(".")})` : ""}`,
    );
    if (!operation) problems.push(`${exchange.method} ${path} is no operation of the spec`);
    else {
      problems.push(...checkResponse(operation, exchange.status, exchange.body));
      const statuses = exercised.get(operation.id) ?? new Set();
      statuses.add(exchange.status);
      exercised.set(operation.id, statuses);
    }
    violations += problems.length;
    lines.push(
      `  ${exchange.leg || "?"}: ${exchange.method} ${path} -> ${exchange.status}${problems.length ? "" : "  ok"}`,
    );
    for (const problem of problems) lines.push(`    violation: ${problem}`);
  }

  console.log(`contract gate: ${upstream.href} through Prism (proxy mode) with spec/openapi.yaml`);
  console.log(lines.join("\n") || "  (no exchange)");
  for (const note of notes) console.log(`  note: ${note}`);
  const opsLine = operations.map(
    (op) => `${op.id} (${[...(exercised.get(op.id) ?? [])].join(", ") || "not exercised"})`,
  );
  console.log(`operations exercised: ${exercised.size} of ${operations.length}: ${opsLine.join("; ")}`);
  if (recorder.exchanges.length === 0) {
    console.log("violations: the gate saw no exchange at all");
    return 1;
  }
  console.log(`violations: ${violations === 0 ? "none" : violations}`);
  return violations === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`error: ${error.message}`);
      process.exit(1);
    },
  );
}
