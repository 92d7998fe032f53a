import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPrismMock } from "@geminidb-kit/test-support";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
    /** A fresh project outside the workspace with both packed packages installed by npm. */
    consumerDir: string;
    clientTarball: string;
    cliTarball: string;
  }
}

const PACKAGES = fileURLToPath(new URL("../../", import.meta.url));

/** Packs a workspace package with pnpm, as `pnpm publish` would (workspace: ranges rewritten). */
function pack(name: string, destination: string): string {
  execFileSync("pnpm", ["pack", "--pack-destination", destination], { cwd: join(PACKAGES, name), stdio: "pipe" });
  const tarball = readdirSync(destination).find((file) => file.startsWith(`geminidb-kit-${name}-`));
  if (!tarball) throw new Error(`pnpm pack of ${name} left no tarball in ${destination}`);
  return join(destination, tarball);
}

/**
 * The environment a user's npm would see: pnpm's own npm_config_* settings (engine-strict,
 * overrides...) left out, the user's registry, cache and proxy settings kept.
 */
function userEnv(): NodeJS.ProcessEnv {
  const kept = new Set(["npm_config_registry", "npm_config_cache", "npm_config_proxy", "npm_config_https_proxy"]);
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) || kept.has(name.toLowerCase())),
  );
}

export default async function setup(project: TestProject) {
  const work = mkdtempSync(join(tmpdir(), "geminidb-consumer-"));
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  const clientTarball = pack("client", tarballs);
  const cliTarball = pack("cli", tarballs);

  // An empty project, as a user starts one: plain npm, no workspace, no pnpm.
  const consumerDir = join(work, "consumer");
  mkdirSync(consumerDir);
  writeFileSync(join(consumerDir, "package.json"), `${JSON.stringify({ name: "consumer", private: true }, null, 2)}\n`);
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--loglevel=error", clientTarball, cliTarball, "@types/node@20"],
    { cwd: consumerDir, stdio: "pipe", env: userEnv() },
  );

  const prism = await startPrismMock();
  project.provide("prismUrl", prism.url);
  project.provide("consumerDir", consumerDir);
  project.provide("clientTarball", clientTarball);
  project.provide("cliTarball", cliTarball);
  return async () => {
    await prism.stop();
    rmSync(work, { recursive: true, force: true });
  };
}
