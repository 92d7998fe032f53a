// The size budget of the client: its entry point, bundled with everything it imports
// (openapi-fetch included) and minified, must stay within 8 kB once gzipped. Run after build.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET = 8 * 1024;

const { outputFiles } = await build({
  entryPoints: ["dist/index.js"],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node20",
  write: false,
  logLevel: "warning",
});
const minified = outputFiles[0].contents;
const gzipped = gzipSync(minified, { level: 9 }).length;
const verdict = gzipped <= BUDGET ? "within" : "OVER";
console.log(
  `@geminidb-kit/client entry: ${minified.length} B minified, ${gzipped} B min+gzip: ${verdict} the budget of ${BUDGET} B`,
);
if (gzipped > BUDGET) process.exitCode = 1;
