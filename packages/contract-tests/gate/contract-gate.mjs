// scripts/contract-gate: the contract gate in front of a real or emulated service.
// Prism runs in proxy mode between our client/CLI and the upstream; a recording proxy in
// front of Prism keeps every exchange. Each exchange is judged by Prism's validation
// (`sl-violations`) and by our own checks of what Prism lets through (a body on the no-content
// 200, an undeclared status, an error body without its required fields). Exits 1 on any
// violation, 2 on bad usage.
//   node gate/contract-gate.mjs --upstream URL [--project-id P --instance-id I --bucket B]
//                               [--send-raw VARIANT]   (the gate's self-test: a wrong request)
//
//   client/CLI -> recorder (sees what Prism answers, and its sl-violations)
//              -> Prism proxy -> upstream tap (sees what the upstream really answered) -> upstream
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createRequire } from "node:module";
import { connect, createServer as createNetServer } from "node:net";
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
// Processes: Prism in proxy mode, a recorder in front of it and a tap behind it.

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

/** Starts `prism proxy`; ready once its port accepts connections (nothing is sent upstream). */
async function startPrismProxy(specPath, upstream, running) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismBin(), "proxy", "--host", "127.0.0.1", "--port", String(port), specPath, upstream],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SCARF_ANALYTICS: "false" } },
  );
  running.push(() => child.kill());
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}:\n${output}`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) throw new Error(`prism did not start within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `http://127.0.0.1:${port}`;
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

/**
 * A loopback HTTP proxy to `target` that calls `record` with each exchange. `adjust` may
 * change the answer before it is passed on.
 */
async function startProxy(target, record, running, adjust = (answer) => answer) {
  const to = new URL(target);
  const prefix = to.pathname.replace(/\/$/, "");
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const send = to.protocol === "https:" ? httpsRequest : httpRequest;
      const forward = send(
        {
          host: to.hostname.replace(/^\[|\]$/g, ""),
          port: to.port || (to.protocol === "https:" ? 443 : 80),
          method: req.method,
          path: `${prefix}${req.url}`,
          headers: { ...req.headers, host: to.host },
        },
        (answer) => {
          const parts = [];
          answer.on("data", (chunk) => parts.push(chunk));
          // Cut off mid-body: said as such, and Prism gets an answer rather than silence.
          answer.on("aborted", () => forward.destroy(new Error("the answer was cut off mid-body")));
          answer.on("end", () => {
            if (answer.errored || !answer.complete) return;
            const raw = Buffer.concat(parts);
            const exchange = adjust({
              method: req.method,
              path: req.url,
              requestBody: body.toString("utf8"),
              status: answer.statusCode ?? 0,
              headers: { ...answer.headers },
              // Recorded as text; passed on as the very bytes (compressed or not).
              body: raw.toString("utf8"),
              raw,
            });
            record(exchange);
            res.writeHead(exchange.status, exchange.headers).end(exchange.raw);
          });
        },
      );
      forward.setTimeout(GATE_REQUEST_TIMEOUT_MS, () => forward.destroy(new Error("no answer in time")));
      forward.on("error", (error) => {
        record({ method: req.method, path: req.url, requestBody: body.toString("utf8"), error: error.message });
        if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(`gate: ${error.message}`);
        else res.destroy();
      });
      forward.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  running.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${server.address().port}`;
}

// ---------------------------------------------------------------------------------------
// What is driven through the gate. AK/SK cannot be: the signature covers the Host header,
// which a proxy in between must change. So both legs use an IAM token, as the CLI's chain
// provides one: HW_AUTH_TOKEN, else the token cached by `geminidb auth login`.

// Seconds an attempt may wait for an answer: --timeout, default 20.
let GATE_REQUEST_TIMEOUT_MS = 20_000;

function tokenFromChain(env) {
  if (env.HW_AUTH_TOKEN?.trim()) return { token: env.HW_AUTH_TOKEN.trim(), source: "HW_AUTH_TOKEN" };
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const dir = join(xdg?.startsWith("/") ? xdg : join(env.HOME ?? "", ".config"), "geminidb");
  try {
    const cached = JSON.parse(readFileSync(join(dir, "token.json"), "utf8"));
    if (typeof cached.token === "string" && Date.parse(cached.expiresAt) > Date.now() + 60_000) {
      return { token: cached.token, source: "the token of 'geminidb auth login'" };
    }
  } catch {
    // no cached login
  }
  return undefined;
}

async function driveClient(url, target, token, log) {
  const { createClient } = await import("@geminidb-kit/client");
  const client = createClient({
    endpoint: url,
    projectId: target.projectId,
    token,
    maxAttempts: 1,
    timeout: GATE_REQUEST_TIMEOUT_MS,
  });
  for (const action of ["open", "close"]) {
    try {
      await client.setInstanceDataDump({ instanceId: target.instanceId, bucketName: target.bucket, action });
    } catch (error) {
      log(`client ${action}: ${error.message}`);
    }
  }
}

async function driveCli(url, target, token, log) {
  // Only the token: no access key variable may make the CLI sign.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(HUAWEICLOUD_SDK_(AK|SK|SECURITY_TOKEN)|HW_(ACCESS_KEY|SECRET_KEY|SECURITY_TOKEN))$/.test(name),
    ),
  );
  env.HW_AUTH_TOKEN = token;
  for (const action of ["open", "close"]) {
    const args = [CLI, "data-dump", action, "--endpoint", url, "--project-id", target.projectId];
    args.push("--instance-id", target.instanceId, "--bucket", target.bucket, "--max-attempts", "1");
    args.push("--timeout", String(GATE_REQUEST_TIMEOUT_MS / 1000));
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
    headers: { "content-type": "application/json", ...(token ? { "x-auth-token": "gate-self-test-token" } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(GATE_REQUEST_TIMEOUT_MS),
  }).catch(() => {});
}

// ---------------------------------------------------------------------------------------

function usage(message) {
  console.error(`error: ${message}`);
  console.error(
    "usage: scripts/contract-gate --upstream URL [--project-id P --instance-id I --bucket B] [--timeout S] [--send-raw VARIANT]",
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
    if (!["upstream", "project-id", "instance-id", "bucket", "send-raw", "timeout"].includes(name))
      usage(`unknown flag --${name}`);
  }
  return flags;
}

/** Prism's own answer when it could not get a usable one from the upstream. */
function prismFailure(exchange) {
  if (!String(exchange.headers?.["content-type"] ?? "").includes("application/problem+json")) return undefined;
  try {
    const problem = JSON.parse(exchange.body);
    return `${problem.title ?? problem.type ?? "proxy error"}${problem.detail ? `: ${problem.detail}` : ""}`;
  } catch {
    return undefined;
  }
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
  if (flags.timeout !== undefined) {
    const seconds = Number(flags.timeout);
    if (!(seconds >= 1 && seconds <= 60)) usage("--timeout must be 1 to 60 seconds");
    GATE_REQUEST_TIMEOUT_MS = seconds * 1000;
  }
  const found = flags["send-raw"] ? { token: "", source: "" } : tokenFromChain(process.env);
  if (!found) {
    usage(
      "the gate needs an IAM token (HW_AUTH_TOKEN, or 'geminidb auth login'): an AK/SK signature covers the Host header, which the proxies in between must change",
    );
  }
  const target = {
    projectId: flags["project-id"] ?? EXAMPLE.projectId,
    instanceId: flags["instance-id"] ?? EXAMPLE.instanceId,
    bucket: flags.bucket ?? EXAMPLE.bucket,
  };

  const operations = loadContract(SPEC);
  const notes = [];
  const log = (line) => notes.push(line);
  const running = [];
  const stopAll = () => {
    for (const stop of running.splice(0)) stop();
  };
  // The whole gate has a deadline: a hanging upstream must not hang CI.
  const limit = Math.max(120_000, 6 * GATE_REQUEST_TIMEOUT_MS);
  const deadline = setTimeout(() => {
    stopAll();
    console.log(`contract gate: gave up after ${limit / 1000} s (the upstream or Prism stopped answering)`);
    process.exit(1);
  }, limit);

  const seen = []; // what the client and CLI got back, through Prism
  const upstreamSide = []; // what the upstream itself answered
  let leg = "";
  try {
    const tap = await startProxy(
      upstream.href,
      (exchange) => upstreamSide.push({ leg, ...exchange }),
      running,
      (answer) => {
        // Prism fails on an empty body labelled JSON; the spec's 200 has no body at all, so the
        // label says nothing: it is dropped before Prism sees the answer (recorded as it came).
        if (answer.body === "" && answer.headers["content-type"]) {
          const { "content-type": _label, ...headers } = answer.headers;
          upstreamSide.push({ leg, note: `dropped Content-Type ${_label} of an empty ${answer.status}` });
          return { ...answer, headers };
        }
        return answer;
      },
    );
    const prism = await startPrismProxy(SPEC, tap, running);
    const recorder = await startProxy(
      prism,
      (exchange) => seen.push({ leg, ...exchange }),
      running,
      (answer) => {
        const violations = parseViolations(answer.headers["sl-violations"]);
        const { "sl-violations": _v, ...headers } = answer.headers;
        return { ...answer, headers, violations };
      },
    );
    if (flags["send-raw"]) {
      leg = `raw request (${flags["send-raw"]})`;
      await sendRaw(recorder, target, flags["send-raw"]);
    } else {
      leg = "client";
      await driveClient(recorder, target, found.token, log);
      leg = "cli";
      await driveCli(recorder, target, found.token, log);
    }
  } finally {
    clearTimeout(deadline);
    stopAll();
  }

  // Judge each exchange.
  const lines = [];
  const exercised = new Map();
  let violations = 0;
  const report = (line, problems) => {
    lines.push(`${line}${problems.length ? "" : "  ok"}`);
    for (const problem of problems) lines.push(`    violation: ${problem}`);
    violations += problems.length;
  };
  for (const exchange of seen) {
    const path = (exchange.path ?? "").split("?")[0];
    const line = `  ${exchange.leg}: ${exchange.method} ${path} -> ${exchange.error ? "no answer" : exchange.status}`;
    if (exchange.error) {
      report(line, [`Prism did not answer: ${exchange.error}`]);
      continue;
    }
    const problems = (exchange.violations ?? []).map(
      (v) => `prism: ${v.message}${v.location ? ` (at ${v.location.join(".")})` : ""}`,
    );
    const operation = operations.find((op) => op.method === exchange.method && op.pattern.test(path));
    if (!operation) {
      report(line, [...problems, `${exchange.method} ${path} is no operation of the spec`]);
      continue;
    }
    const statuses = exercised.get(operation.id) ?? new Set();
    statuses.add(exchange.status);
    exercised.set(operation.id, statuses);
    const broken = prismFailure(exchange);
    if (broken) problems.push(`Prism could not pass on the upstream's answer: ${broken}`);
    else problems.push(...checkResponse(operation, exchange.status, exchange.body));
    if (!flags["send-raw"] && exchange.status !== 200 && !broken) {
      problems.push(
        `HTTP ${exchange.status}: the gate needs open and close to succeed (check the instance, the bucket and the token)`,
      );
    }
    report(line, problems);
  }
  const fail = (problem) => {
    violations++;
    lines.push(`  violation: ${problem}`);
  };
  // What the upstream itself answered (Prism's proxy hides some of it: it follows redirects
  // and replaces a 501 with a mock answer).
  let upstreamAnswers = 0;
  for (const raw of upstreamSide) {
    if (raw.note) {
      lines.push(`  note: ${raw.leg}: ${raw.note}`);
      continue;
    }
    upstreamAnswers++;
    if (raw.error) {
      fail(`${raw.leg}: the upstream could not be reached: ${raw.error}`);
      continue;
    }
    const path = (raw.path ?? "").split("?")[0];
    const operation = operations.find((op) => op.method === raw.method && op.pattern.test(path));
    if (raw.status >= 300 && raw.status < 400) {
      fail(
        `${raw.leg}: the upstream answered ${raw.status} (a redirect to ${raw.headers.location ?? "?"}), which the spec does not declare and which would carry the token elsewhere`,
      );
    } else if (raw.status === 501) {
      fail(
        `${raw.leg}: the upstream answered 501, which the spec does not declare (Prism's proxy turns it into a mock answer)`,
      );
    } else if (operation && !flags["send-raw"]) {
      for (const problem of checkResponse(operation, raw.status, raw.body)) {
        if (!seen.some((e) => e.leg === raw.leg && e.status === raw.status)) fail(`${raw.leg}: upstream: ${problem}`);
      }
    }
  }
  if (!flags["send-raw"] && upstreamAnswers !== seen.length) {
    fail(
      `the upstream was asked ${upstreamAnswers} time(s) for ${seen.length} request(s) sent: something in between (a redirect?) sent more or fewer`,
    );
  }
  const expected = flags["send-raw"] ? 1 : 4;
  if (seen.length !== expected) {
    fail(`expected ${expected} exchange(s) (open and close by the client and by the CLI), saw ${seen.length}`);
  }

  console.log(`contract gate: ${upstream.href} through Prism (proxy mode) with spec/openapi.yaml`);
  if (found.source) console.log(`  credentials: IAM token from ${found.source}`);
  console.log(lines.join("\n") || "  (no exchange)");
  for (const note of notes) console.log(`  note: ${note}`);
  const opsLine = operations.map(
    (op) => `${op.id} (${[...(exercised.get(op.id) ?? [])].join(", ") || "not exercised"})`,
  );
  console.log(`operations exercised: ${exercised.size} of ${operations.length}: ${opsLine.join("; ")}`);
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
