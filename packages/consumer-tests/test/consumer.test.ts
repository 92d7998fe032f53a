import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

// The packages as users get them: packed by pnpm, installed by npm into an empty project
// outside the workspace, used from TypeScript (ESM), from CommonJS and as the geminidb command.

const EXAMPLE = {
  projectId: "0549b4a43100d4f32f51c01c2fe4acdb",
  instanceId: "0a9a2be86bdf493981d17626ad2f8668in13",
  bucketName: "influxdb-obs",
};
const REQUEST_ID = "5e6b8f8a4c1b4d0f9a2e3c7d1b0a9f8e"; // the spec's example X-Request-Id
const TOKEN = "consumer-test-token-0123456789";

const consumer = inject("consumerDir");
const prismUrl = inject("prismUrl");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** What a tarball holds, and its package.json. */
function tarball(path: string) {
  const files = execFileSync("tar", ["-tzf", path], { encoding: "utf8" }).trim().split("\n");
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", path, "package/package.json"], { encoding: "utf8" }));
  return { files, manifest };
}

/** Writes `files` into a folder of the consumer project and runs tsc there with its tsconfig. */
function typecheck(folder: string, files: Record<string, string>, emit = false) {
  const dir = join(consumer, folder);
  mkdirSync(dir, { recursive: true });
  const compilerOptions = {
    strict: true,
    module: "NodeNext",
    moduleResolution: "NodeNext",
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    types: ["node"],
    outDir: "out",
    noEmit: !emit,
    // What a careless consumer might set; our published types must still be real.
    skipLibCheck: true,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts"] }));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
}

describe("what the tarballs hold", () => {
  it("the client: built code, types, README and licence; real versions, no workspace: ranges", () => {
    const { files, manifest } = tarball(inject("clientTarball"));
    for (const file of ["package/dist/index.js", "package/dist/index.d.ts", "package/README.md", "package/LICENSE"]) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => /^package\/(src|test|scripts)\//.test(f))).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
    expect(Object.keys(manifest.dependencies)).toEqual(["openapi-fetch"]);
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
  });

  it("the CLI: one bundled file, no runtime dependencies", () => {
    const { files, manifest } = tarball(inject("cliTarball"));
    expect(files.sort()).toEqual(
      [
        "package/LICENSE",
        "package/README.md",
        "package/dist/THIRD-PARTY-LICENSES.txt",
        "package/dist/geminidb.cjs",
        "package/package.json",
      ].sort(),
    );
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ geminidb: "./dist/geminidb.cjs" });
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
  });
});

describe("an ESM TypeScript consumer", () => {
  const program = `import { ApiError, createClient, type DataDumpResult } from "@geminidb-kit/client";

const client = createClient({ endpoint: process.env.PRISM_URL ?? "", token: "${TOKEN}", projectId: "${EXAMPLE.projectId}" });
const result: DataDumpResult = await client.openDataDump({ instanceId: "${EXAMPLE.instanceId}", bucketName: "${EXAMPLE.bucketName}" });
console.log(JSON.stringify(result));
try {
  await client.closeDataDump({ instanceId: "${EXAMPLE.instanceId}", bucketName: "${EXAMPLE.bucketName}" }, { maxAttempts: 1 });
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
}
`;

  it("type-checks against the installed types and calls the client against the Prism mock", () => {
    const built = typecheck("esm", { "main.ts": program }, true);
    expect(built.stdout + built.stderr).toBe("");
    expect(built.status).toBe(0);
    const run = spawnSync(process.execPath, [join(consumer, "esm", "out", "main.js")], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, PRISM_URL: prismUrl },
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      ...EXAMPLE,
      action: "open",
      status: 200,
      requestId: REQUEST_ID,
      attempts: 1,
    });
  });

  it("gets real types, not any: a wrong action is a type error", () => {
    const wrong = `import { createClient } from "@geminidb-kit/client";
const client = createClient({ endpoint: "http://127.0.0.1:1", token: "t", projectId: "${EXAMPLE.projectId}" });
await client.setInstanceDataDump({ instanceId: "i", bucketName: "b", action: "enable" });
`;
    const checked = typecheck("wrong", { "main.ts": wrong });
    expect(checked.status).not.toBe(0);
    expect(checked.stdout).toMatch(/error TS2322: Type '"enable"' is not assignable to type '"open" \| "close"'/);
  });

  it("type-checks every TypeScript example of the README that ships in the package", () => {
    const readme = readFileSync(join(consumer, "node_modules", "@geminidb-kit", "client", "README.md"), "utf8");
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
    expect(blocks.length).toBeGreaterThan(0);
    const files = Object.fromEntries(blocks.map((code, i) => [`example-${i + 1}.ts`, `${code}\nexport {};\n`]));
    const checked = typecheck("readme", files);
    expect(checked.stdout + checked.stderr).toBe("");
    expect(checked.status).toBe(0);
  });
});

describe("a CommonJS consumer", () => {
  it("require()s the client (Node >= 20.19 loads ESM from require) and calls it", () => {
    const file = join(consumer, "main.cjs");
    writeFileSync(
      file,
      `const { createClient } = require("@geminidb-kit/client");
createClient({ endpoint: process.env.PRISM_URL, token: "${TOKEN}", projectId: "${EXAMPLE.projectId}" })
  .openDataDump({ instanceId: "${EXAMPLE.instanceId}", bucketName: "${EXAMPLE.bucketName}" })
  .then((result) => console.log(result.requestId));
`,
    );
    const run = spawnSync(process.execPath, [file], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, PRISM_URL: prismUrl },
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${REQUEST_ID}\n`);
  });
});

describe("the installed geminidb command", () => {
  const bin = () => join(consumer, "node_modules", ".bin", "geminidb");

  it("runs the API page's example against the Prism mock", () => {
    const run = spawnSync(
      bin(),
      [
        "data-dump",
        "open",
        "--endpoint",
        prismUrl,
        "--project-id",
        EXAMPLE.projectId,
        "--instance-id",
        EXAMPLE.instanceId,
        "--bucket",
        EXAMPLE.bucketName,
      ],
      { encoding: "utf8", env: { PATH: process.env.PATH, HOME: consumer, HW_AUTH_TOKEN: TOKEN } },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `Opened data export of instance ${EXAMPLE.instanceId} to OBS bucket ${EXAMPLE.bucketName} (request id ${REQUEST_ID})\n`,
    );
  });

  it("prints the version it was published with", () => {
    const { manifest } = tarball(inject("cliTarball"));
    const run = spawnSync(bin(), ["--version"], { encoding: "utf8" });
    expect(run.stdout).toBe(`geminidb ${manifest.version}\n`);
  });
});
