// Bundles the CLI and everything it imports (client, openapi-fetch) into one file
// that runs without node_modules, plus the licences of the bundled third-party packages.
import { chmod, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));

const { metafile } = await build({
  entryPoints: ["src/bin.ts"],
  // CommonJS starts a few ms sooner than an ES module (no module loader); .cjs because the
  // package is "type": "module".
  outfile: "dist/geminidb.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: true,
  legalComments: "eof",
  metafile: true,
  banner: { js: "#!/usr/bin/env node" },
  define: { __GEMINIDB_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
});
await chmod("dist/geminidb.cjs", 0o755);

// The MIT licences of bundled packages ask for their notice to travel with the code.
const packageDirs = new Set(
  Object.keys(metafile.inputs).flatMap((input) => {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    return match ? [match[1]] : [];
  }),
);
const notices = [];
for (const dir of [...packageDirs].sort()) {
  const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
  const licenceFile = (await readdir(dir)).find((name) => /^licen[cs]e/i.test(name));
  const text = licenceFile ? await readFile(join(dir, licenceFile), "utf8") : `License: ${manifest.license}`;
  notices.push(`${manifest.name}@${manifest.version}\n\n${text.trim()}\n`);
}
await writeFile(
  "dist/THIRD-PARTY-LICENSES.txt",
  `geminidb bundles the following packages.\n\n${notices.join(`\n${"-".repeat(72)}\n\n`)}`,
);
