// Bundles the CLI and everything it imports (client, openapi-fetch) into one ESM file
// that runs without node_modules.
import { chmod, readFile } from "node:fs/promises";
import { build } from "esbuild";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));

await build({
  entryPoints: ["src/bin.ts"],
  outfile: "dist/geminidb.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  legalComments: "none",
  banner: { js: "#!/usr/bin/env node" },
  define: { __GEMINIDB_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
});
await chmod("dist/geminidb.js", 0o755);
