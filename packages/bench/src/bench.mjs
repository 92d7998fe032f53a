// scripts/bench: geminidb-kit against bare Node.js and the official Huawei Cloud SDK, side
// by side in one run. Every figure is a ratio against a baseline measured in the same run,
// the commands alternating (A B A B ...), with min, median and max over the repeats.
//   node src/bench.mjs [--smoke] [--out FILE]
// --smoke: tiny counts, to check that the harness works (tests never assert timings).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { directorySize, installedWorkspaceSize, packageClosure, packedSize } from "./sizes.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..", "..");
const CLI = join(ROOT, "packages", "cli", "dist", "geminidb.cjs");
const PROBE = join(HERE, "rss-probe.cjs");
const SCENARIOS = join(HERE, "scenarios");

const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const outAt = args.indexOf("--out");
const out = outAt === -1 ? (smoke ? undefined : join(ROOT, "BENCHMARKS.md")) : args[outAt + 1];

const COUNTS = smoke
  ? {
      starts: 2,
      processes: 2,
      rss: 1,
      requests: 200,
      rounds: 1,
      signatures: 2000,
      signRounds: 1,
      fleet: 50,
      fleetRuns: 1,
    }
  : {
      starts: 20,
      processes: 10,
      rss: 5,
      requests: 10_000,
      rounds: 2,
      signatures: 50_000,
      signRounds: 5,
      fleet: 1000,
      fleetRuns: 5,
    };

const PROJECT = "0549b4a43100d4f32f51c01c2fe4acdb";
const INSTANCE = "0a9a2be86bdf493981d17626ad2f8668in13";
const work = mkdtempSync(join(tmpdir(), "geminidb-bench-"));
const ENV = {
  PATH: process.env.PATH ?? "",
  HOME: work,
  HUAWEICLOUD_SDK_AK: "BENCHMARKAKBENCHMARK",
  HUAWEICLOUD_SDK_SK: "benchmark-secret-key-0123456789abcdefgh",
  HUAWEICLOUD_SDK_PROJECT_ID: PROJECT,
  INSTANCE_ID: INSTANCE,
};

/** Runs a command to its end; its wall time in ms, and its stdout. Fails on a non-zero exit. */
function run(command, commandArgs, env = ENV) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${command} ${commandArgs.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

/** Peak RSS in kB of a node command, read by the probe preloaded into it. */
async function peakRss(nodeArgs) {
  const file = join(work, `rss-${Math.random().toString(36).slice(2)}`);
  await run(process.execPath, ["--require", PROBE, ...nodeArgs], { ...ENV, RSS_PROBE_FILE: file });
  return Number(readFileSync(file, "utf8"));
}

/** A loopback server in a process of its own (it must not share the measured event loop). */
async function serverProcess(latencyMs) {
  const child = spawn(process.execPath, [join(HERE, "server.mjs"), String(latencyMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve) => child.stdout.once("data", (chunk) => resolve(String(chunk).trim())));
  return { url, stop: () => child.kill() };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const stats = (values) => ({ min: Math.min(...values), median: median(values), max: Math.max(...values) });

/**
 * Runs each variant `rounds` times, alternating (A B C A B C ...) after one warm-up round;
 * returns the values of each variant, in round order.
 */
async function alternate(variants, rounds) {
  const values = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    for (const [name, measure] of Object.entries(variants)) {
      const value = await measure();
      if (round >= 0) values[name].push(value);
    }
  }
  return values;
}

/** Per-round ratios a[i] / b[i]. */
const ratios = (a, b) => a.map((value, i) => value / b[i]);

const rows = [];
function row(scenario, what, baseline, values, target, met) {
  rows.push({ scenario, what, baseline, ...stats(values), target, met });
}

// 1. Cold start.
const start = await alternate(
  {
    node: async () => (await run(process.execPath, ["-e", ""])).ms,
    geminidb: async () => (await run(process.execPath, [CLI, "--help"])).ms,
  },
  COUNTS.starts,
);
const startRatio = ratios(start.geminidb, start.node);
row("cold start", "`geminidb --help`", "`node -e ''`", startRatio, "<= 1.15", median(startRatio) <= 1.15);

// 2. One request as a process.
const server = await serverProcess(0);
const openArgs = ["data-dump", "open", "--endpoint", server.url, "--project-id", PROJECT, "--instance-id", INSTANCE];
const one = await alternate(
  {
    bare: async () => (await run(process.execPath, [join(SCENARIOS, "bare-open.mjs"), server.url])).ms,
    geminidb: async () => (await run(process.execPath, [CLI, ...openArgs, "--bucket", "influxdb-obs"])).ms,
    official: async () => (await run(process.execPath, [join(SCENARIOS, "official-open.cjs"), server.url])).ms,
  },
  COUNTS.processes,
);
const oneRatio = ratios(one.geminidb, one.bare);
const speedup = ratios(one.official, one.geminidb);
row(
  "one request (AK/SK) as a process",
  "`geminidb data-dump open`",
  "bare node + node:http",
  oneRatio,
  "<= 1.3",
  median(oneRatio) <= 1.3,
);
row(
  "one request (AK/SK) as a process",
  "official SDK, time / ours",
  "`geminidb data-dump open`",
  speedup,
  ">= 4",
  median(speedup) >= 4,
);
const rss = await alternate(
  {
    bare: () => peakRss([join(SCENARIOS, "bare-open.mjs"), server.url]),
    geminidb: () => peakRss([CLI, ...openArgs, "--bucket", "influxdb-obs"]),
    official: () => peakRss([join(SCENARIOS, "official-open.cjs"), server.url]),
  },
  COUNTS.rss,
);
const rssRatio = ratios(rss.geminidb, rss.bare);
row(
  "one request: peak RSS",
  "`geminidb data-dump open`",
  "bare node + node:http",
  rssRatio,
  "<= 1.2",
  median(rssRatio) <= 1.2,
);
row(
  "one request: peak RSS",
  "official SDK",
  "bare node + node:http",
  ratios(rss.official, rss.bare),
  "(reported)",
  true,
);

// 3. In-process throughput over keep-alive, each measurement in a fresh process.
for (const inFlight of [1, 64]) {
  const measure = (impl) => async () => {
    const { stdout } = await run(process.execPath, [
      join(SCENARIOS, "throughput.mjs"),
      impl,
      server.url,
      String(COUNTS.requests),
      String(inFlight),
    ]);
    return JSON.parse(stdout).ms;
  };
  const t = await alternate(
    { fetch: measure("fetch"), ours: measure("ours"), official: measure("official") },
    COUNTS.rounds,
  );
  const label = inFlight === 1 ? "sequential" : `${inFlight} in flight`;
  const ourThroughput = ratios(t.fetch, t.ours); // throughput ratio = time of fetch / time of ours
  row(
    `${COUNTS.requests} signed requests, ${label}`,
    "our client, throughput",
    "plain fetch, fixed headers",
    ourThroughput,
    ">= 0.9",
    median(ourThroughput) >= 0.9,
  );
  row(
    `${COUNTS.requests} signed requests, ${label}`,
    "official SDK, throughput",
    "plain fetch, fixed headers",
    ratios(t.fetch, t.official),
    "(reported)",
    true,
  );
}
server.stop();

// 4. Signing.
const sign = (impl) => async () => {
  const { stdout } = await run(process.execPath, [join(SCENARIOS, "signing.mjs"), impl, String(COUNTS.signatures)]);
  return JSON.parse(stdout).ms;
};
const signing = await alternate({ official: sign("official"), ours: sign("ours") }, COUNTS.signRounds);
const signRatio = ratios(signing.official, signing.ours); // signatures/s ratio
row("signing", "our signRequest, signatures/s", "official AKSKSigner", signRatio, ">= 3", median(signRatio) >= 3);

// 5. Fleet: latency 20 ms, 32 at a time; the ideal is count / 32 x 20 ms.
const slow = await serverProcess(20);
const idsFile = join(work, "ids.txt");
writeFileSync(
  idsFile,
  Array.from(
    { length: COUNTS.fleet },
    (_, i) => `${(i + 1).toString(16).padStart(32, "0")}in${String(i % 100).padStart(2, "0")}`,
  ).join("\n"),
);
const ideal = (COUNTS.fleet / 32) * 20;
const fleet = await alternate(
  {
    geminidb: async () =>
      (
        await run(process.execPath, [
          CLI,
          "data-dump",
          "open",
          "--endpoint",
          slow.url,
          "--project-id",
          PROJECT,
          "--instances-file",
          idsFile,
          "--bucket",
          "influxdb-obs",
          "--concurrency",
          "32",
          "--output",
          "json",
        ])
      ).ms,
  },
  COUNTS.fleetRuns,
);
slow.stop();
const fleetRatio = fleet.geminidb.map((ms) => ms / ideal);
row(
  `fleet: ${COUNTS.fleet} instances, --concurrency 32, 20 ms latency`,
  "wall time (whole process)",
  `ideal ${ideal} ms`,
  fleetRatio,
  "<= 1.5",
  median(fleetRatio) <= 1.5,
);

// 6. Sizes.
const clientSize = await new Promise((resolve) => {
  // The client's own budget check, run where it lives: it prints the min+gzip size.
  const child = spawn(process.execPath, ["scripts/size.mjs"], { cwd: join(ROOT, "packages", "client") });
  let text = "";
  child.stdout.on("data", (chunk) => (text += chunk));
  child.on("close", () => resolve(/(\d+) B min\+gzip/.exec(text)?.[1]));
});
const sizes = {
  clientEntry: clientSize,
  cliBundle: statSync(CLI).size,
  client: installedWorkspaceSize(join(ROOT, "packages", "client"), work),
  cli: packedSize(join(ROOT, "packages", "cli"), work),
  official: directorySize(packageClosure("@huaweicloud/huaweicloud-sdk-gaussdbfornosql", join(HERE, ".."))),
};
rmSync(work, { recursive: true, force: true });

// Report.
const f = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const table = [
  "| scenario | measured | baseline (= 1) | min | median | max | target | met |",
  "|---|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.what} | ${r.baseline} | ${f(r.min)} | ${f(r.median)} | ${f(r.max)} | ${r.target} | ${r.met ? "yes" : "**no**"} |`,
  ),
].join("\n");
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const sizeTable = [
  "| what | size |",
  "|---|---|",
  `| client entry, bundled with openapi-fetch, minified + gzip | ${sizes.clientEntry ?? "?"} B (budget 8192 B) |`,
  `| CLI bundle \`dist/geminidb.cjs\` | ${kb(sizes.cliBundle)} (budget 150 kB) |`,
  `| installed: \`@geminidb-kit/client\` with its dependencies | ${kb(sizes.client)} |`,
  `| installed: \`@geminidb-kit/cli\` (no dependencies) | ${kb(sizes.cli)} |`,
  `| installed: \`@huaweicloud/huaweicloud-sdk-gaussdbfornosql\` with its dependencies | ${kb(sizes.official)} (${f(sizes.official / sizes.client)} x our client) |`,
].join("\n");
const absolute = [
  `cold start medians: node ${f(median(start.node))} ms, geminidb --help ${f(median(start.geminidb))} ms`,
  `one request medians: bare ${f(median(one.bare))} ms, geminidb ${f(median(one.geminidb))} ms, official ${f(median(one.official))} ms`,
  `peak RSS medians: bare ${f(median(rss.bare) / 1024)} MB, geminidb ${f(median(rss.geminidb) / 1024)} MB, official ${f(median(rss.official) / 1024)} MB`,
  `signing medians: ours ${f((COUNTS.signatures / median(signing.ours)) * 1000)} /s, official ${f((COUNTS.signatures / median(signing.official)) * 1000)} /s`,
  `fleet median: ${f(median(fleet.geminidb))} ms for ${COUNTS.fleet} instances (ideal ${ideal} ms)`,
];
console.log(table);
console.log();
console.log(sizeTable);
console.log();
for (const line of absolute) console.log(line);

if (out) {
  const cpu = cpus();
  const machine = `${cpu.length} x ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${platform()} ${release()}, Node.js ${process.version}`;
  writeFileSync(out, report({ table, sizeTable, absolute, machine }));
  console.log(`\nwrote ${out}`);
}
if (!rows.every((r) => r.met)) console.log("\nsome targets are not met: see the table");

function report({ table, sizeTable, absolute, machine }) {
  return `# Benchmarks

Measured by \`scripts/bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.
Reproduce with \`scripts/bench\` in a checkout (it installs what it needs, builds, runs for
two to three minutes and rewrites this file).

Every figure is a **ratio against a baseline measured in the same run**: the commands
alternate (A B A B ...) after a warm-up round, and each row gives the min, median and
max of the per-round ratios. Absolute times depend on the machine; ratios much less so.
All requests go to a loopback HTTP server in a process of its own, answering 200 with an
empty body (and, for the fleet, after 20 ms).

${table}

What each row measures:
- **cold start**: \`node dist/geminidb.cjs --help\` against \`node -e ''\`, each a fresh process.
- **one request as a process**: \`geminidb data-dump open\` with an access key pair (signed
  request) against \`bare-open.mjs\` (one \`fetch\` with fixed headers: the floor any Node
  program pays) and \`official-open.cjs\` (the same call with
  \`@huaweicloud/huaweicloud-sdk-gaussdbfornosql\`, as its documentation shows). The speed-up
  row is the official SDK's time divided by ours. Peak RSS is read with
  \`process.resourceUsage().maxRSS\` by a probe preloaded into all three alike.
- **signed requests in one process**: ${COUNTS.requests} \`openDataDump\` calls of our client
  (each signed, AK/SK) against plain \`fetch\` with headers computed once, and the official SDK;
  one at a time, then ${64} in flight, over keep-alive; each measurement in a fresh process
  after a warm-up of 200 calls. The ratio is throughput (the baseline's time / ours).
- **signing**: ${COUNTS.signatures} signatures of the same request by \`signRequest\` and by
  the official \`AKSKSigner.sign\`, after 2000 warm-up signatures.
- **fleet**: \`geminidb data-dump open --instances-file\` with ${COUNTS.fleet} ids,
  \`--concurrency 32\`, against a server answering after 20 ms: the whole process's wall
  time against the ideal ${COUNTS.fleet} / 32 x 20 ms = ${(COUNTS.fleet / 32) * 20} ms.

Sizes:

${sizeTable}

Where a target is missed, [packages/bench/README.md](packages/bench/README.md) says what the
profiles show stands in the way, and what was changed on their account.

Medians in absolute terms, for orientation:

${absolute.map((line) => `- ${line}`).join("\n")}
`;
}
