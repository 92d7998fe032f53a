// Installed sizes: what a package and everything it depends on take on disk.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/** The directory of package `name` as Node would find it from `fromDir`. */
function findPackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`package ${name} not found from ${fromDir}`);
  }
}

/** The directories of `name` and of all it depends on (dependencies, transitively). */
export function packageClosure(name, fromDir) {
  const seen = new Set();
  const visit = (dep, from) => {
    const dir = findPackage(dep, from);
    if (seen.has(dir)) return;
    seen.add(dir);
    const { dependencies = {} } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const next of Object.keys(dependencies)) visit(next, dir);
  };
  visit(name, fromDir);
  return [...seen];
}

/** Bytes of the files under `dirs`, nested node_modules left out (counted as packages). */
export function directorySize(dirs) {
  let total = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) total += statSync(path).size;
    }
  };
  for (const dir of dirs) walk(dir);
  return total;
}

/** Bytes of the files a workspace package publishes: `pnpm pack`, then the tarball's listing. */
export function packedSize(packageDir, workDir) {
  const output = execFileSync("pnpm", ["pack", "--pack-destination", workDir], { cwd: packageDir, encoding: "utf8" });
  const tarball = output.trim().split("\n").pop();
  const listing = execFileSync("tar", ["-tvzf", tarball.startsWith("/") ? tarball : join(workDir, tarball)], {
    encoding: "utf8",
  });
  return listing
    .trim()
    .split("\n")
    .reduce((sum, line) => sum + Number(line.split(/\s+/)[2] ?? 0), 0);
}

/** A workspace package as installed: what it publishes, plus its dependencies' directories. */
export function installedWorkspaceSize(packageDir, workDir) {
  const { dependencies = {} } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const deps = Object.keys(dependencies).flatMap((name) => packageClosure(name, packageDir));
  return packedSize(packageDir, workDir) + directorySize([...new Set(deps)]);
}
